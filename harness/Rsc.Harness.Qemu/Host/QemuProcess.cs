using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;

namespace Rsc.Harness.Qemu.Host;

/// <summary>
/// One running QEMU with its output captured (the last lines are kept). Starting failures and exits
/// are reported with the exit code and the output's tail. Disposing stops it: SIGTERM, then SIGKILL
/// after <see cref="ChildProcess.TermGrace"/>.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class QemuProcess : IDisposable
{
    private readonly ChildProcess _process;

    private QemuProcess(ChildProcess process, string binary)
    {
        _process = process;
        Binary = binary;
    }

    public int Id => _process.Id;

    public string Binary { get; }

    public StderrTail Stderr => _process.Output;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.ExitCode;

    /// <summary>Null while QEMU runs; once it has exited unasked, what to say about it.</summary>
    public string? ExitProblem => HasExited && !_process.StopRequested ? Describe() : null;

    /// <summary>Starts QEMU; a binary that cannot be started is a <see cref="DeviceFailureException"/>.</summary>
    public static QemuProcess Start(string binary, IReadOnlyList<string> arguments)
    {
        try
        {
            return new QemuProcess(ChildProcess.Start(binary, arguments, keepStdout: true), binary);
        }
        catch (LiveSetupException e)
        {
            throw new DeviceFailureException($"could not start QEMU: {e.Message} (exit code none; stderr (empty))", e);
        }
    }

    /// <summary>"QEMU (pid N) exited with code C; stderr: ..." or "QEMU (pid N) is running; stderr: ...".</summary>
    public string Describe() => $"QEMU (pid {Id}) {_process.DescribeExit()}";

    /// <summary>Waits for QEMU to exit; true when it did.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGTERM, then SIGKILL after the grace period; idempotent.</summary>
    public void Stop() => _process.Stop();

    public void Dispose() => _process.Dispose();
}
