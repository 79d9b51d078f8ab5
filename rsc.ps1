# Launcher for the rsc conformance tool on Windows (and anywhere PowerShell runs): builds
# harness/Rsc.Cli (Release, into out/bin) when the build is missing or any source is newer than it,
# then runs it with the caller's arguments and returns its exit code. Runs from any directory; only
# the build changes directory, so relative --out/--in paths keep meaning what the caller meant.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$bin = Join-Path $root 'out/bin'
$dll = Join-Path $bin 'rsc.dll'
$stamp = Join-Path $bin '.rsc-build-stamp'

function Test-NeedsBuild {
    if (-not (Test-Path $dll) -or -not (Test-Path $stamp)) { return $true }
    $built = (Get-Item -Force $stamp).LastWriteTimeUtc
    $sources = @('device', 'harness', 'testcases', 'reports') | ForEach-Object { Join-Path $root $_ } |
        Get-ChildItem -Recurse -File -Include '*.cs', '*.csproj', '*.props', '*.json' -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $top = @('Directory.Build.props', 'Directory.Packages.props', 'global.json') | ForEach-Object { Get-Item (Join-Path $root $_) -ErrorAction SilentlyContinue }
    return [bool](@($sources) + @($top) | Where-Object { $_ -and $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if (Test-NeedsBuild) {
    New-Item -ItemType Directory -Force -Path $bin | Out-Null
    # One build at a time: the lock file is held open exclusively; whoever waited finds the build done.
    $lock = $null
    while (-not $lock) {
        try { $lock = [IO.File]::Open((Join-Path $bin '.rsc-build.lock'), 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [IO.IOException] { Start-Sleep -Milliseconds 200 }
    }
    try {
        if (Test-NeedsBuild) {
            # The stamp takes the build's start time, so a source saved during the build triggers the next one.
            $started = [DateTime]::UtcNow
            $log = Join-Path ([IO.Path]::GetTempPath()) ("rsc-build-" + [Guid]::NewGuid().ToString('N') + '.log')
            Push-Location $root
            try { & dotnet build harness/Rsc.Cli/Rsc.Cli.csproj -c Release -o $bin -nologo -v quiet *> $log; $ok = ($LASTEXITCODE -eq 0) }
            finally { Pop-Location }
            if (-not $ok) {
                # A half-finished build may have replaced some assemblies: never trust out/bin after this.
                Remove-Item -Force -ErrorAction SilentlyContinue $stamp
                $errors = Select-String -Path $log -Pattern ': error ' | ForEach-Object { $_.Line } | Sort-Object -Unique
                if ($errors) { $errors | ForEach-Object { [Console]::Error.WriteLine($_) } } else { Get-Content $log | ForEach-Object { [Console]::Error.WriteLine($_) } }
                [Console]::Error.WriteLine('rsc: build failed (dotnet build harness/Rsc.Cli -c Release)')
                Remove-Item -Force -ErrorAction SilentlyContinue $log
                exit 2
            }
            Remove-Item -Force -ErrorAction SilentlyContinue $log
            New-Item -ItemType File -Force -Path $stamp | Out-Null
            (Get-Item -Force $stamp).LastWriteTimeUtc = $started
        }
    }
    finally { $lock.Dispose() }
}

& dotnet $dll @args
exit $LASTEXITCODE
