using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;

namespace Rsc.Harness.Qemu.Host;

/// <summary>
/// One running QEMU with its stderr captured (the last lines are kept). Starting failures and exits
/// are reported with the exit code and the stderr tail. Disposing stops it: SIGTERM, then SIGKILL
/// after <see cref="TerminateGrace"/>.
/// </summary>
public sealed partial class QemuProcess : IDisposable
{
    public static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(2);

    private const int SigTerm = 15;

    private readonly System.Diagnostics.Process _process;
    private int _stopped;

    private QemuProcess(System.Diagnostics.Process process, string binary, StderrTail stderr)
    {
        _process = process;
        Binary = binary;
        Stderr = stderr;
        Id = process.Id;
    }

    public int Id { get; }

    public string Binary { get; }

    public StderrTail Stderr { get; }

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode => HasExited ? SafeExitCode() : null;

    /// <summary>Null while QEMU runs; once it has exited, what to say about it.</summary>
    public string? ExitProblem => HasExited && _stopped == 0 ? Describe() : null;

    /// <summary>Starts QEMU; a binary that cannot be started is a <see cref="DeviceFailureException"/>.</summary>
    public static QemuProcess Start(string binary, IReadOnlyList<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(binary);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        var tail = new StderrTail();
        var process = new System.Diagnostics.Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) => tail.Add(e.Data);
        process.OutputDataReceived += (_, e) => tail.Add(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new DeviceFailureException($"could not start QEMU '{binary}'");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new DeviceFailureException($"could not start QEMU '{binary}': {e.Message} (exit code none; stderr (empty))", e);
        }
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return new QemuProcess(process, binary, tail);
    }

    /// <summary>"QEMU (pid N) exited with code C; stderr: ..." or "QEMU (pid N) is running; stderr: ...".</summary>
    public string Describe()
    {
        if (HasExited)
        {
            // Only the parameterless wait also waits for the stderr reader to reach the end.
            try
            {
                Task.Run(() => _process.WaitForExit()).Wait(TimeSpan.FromSeconds(1));
            }
            catch (AggregateException)
            {
                // Gone.
            }
            return string.Create(CultureInfo.InvariantCulture, $"QEMU (pid {Id}) exited with code {SafeExitCode()}; stderr: {Stderr}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"QEMU (pid {Id}) is running; stderr: {Stderr}");
    }

    /// <summary>Waits for QEMU to exit; true when it did.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        try
        {
            return _process.WaitForExit(timeout);
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after the grace period; idempotent.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        if (HasExited)
        {
            return;
        }
        _ = kill(Id, SigTerm);
        if (!WaitForExit(TerminateGrace))
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Exited meanwhile.
            }
            WaitForExit(TerminateGrace);
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    private int? SafeExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
