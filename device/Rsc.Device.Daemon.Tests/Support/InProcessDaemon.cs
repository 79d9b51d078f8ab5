namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>
/// <see cref="DeviceDaemon.Run"/> on a thread of the test process, on a TAP and a guest socket the
/// test created; stopped through its cancellation token.
/// </summary>
internal sealed class InProcessDaemon : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _log = new();
    private readonly Thread _thread;
    private int _exitCode = -1;

    public InProcessDaemon(DaemonOptions options)
    {
        _thread = new Thread(() => _exitCode = DeviceDaemon.Run(options, TextWriter.Synchronized(_log), _stop.Token))
        {
            IsBackground = true,
            Name = "daemon-under-test",
        };
        _thread.Start();
    }

    public string Log => _log.ToString();

    /// <summary>Waits for Run to return on its own; its exit code, or null when it is still running.</summary>
    public int? WaitForExit(TimeSpan timeout) => _thread.Join(timeout) ? _exitCode : null;

    /// <summary>Cancels and waits; Run's exit code, or null when it did not return within <paramref name="timeout"/>.</summary>
    public int? Stop(TimeSpan timeout)
    {
        _stop.Cancel();
        return WaitForExit(timeout);
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
