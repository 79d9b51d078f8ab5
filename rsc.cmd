@echo off
rem Launcher for the rsc conformance tool on Windows: the same as ./rsc (build harness/Rsc.Cli into
rem out\bin when missing or older than a source, then run it), through rsc.ps1 beside it.
setlocal
where pwsh >nul 2>nul && (set "RSC_PS=pwsh") || (set "RSC_PS=powershell")
%RSC_PS% -NoProfile -ExecutionPolicy Bypass -File "%~dp0rsc.ps1" %*
exit /b %ERRORLEVEL%
