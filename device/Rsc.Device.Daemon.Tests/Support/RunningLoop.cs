namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>An <see cref="EventLoop"/> running on its own thread for the duration of a test.</summary>
internal sealed class RunningLoop : IDisposable
{
    private readonly Thread _thread;
    private Exception? _failure;

    public RunningLoop()
    {
        Loop = new EventLoop();
        _thread = new Thread(() =>
        {
            try
            {
                Loop.Run();
            }
            catch (Exception e)
            {
                _failure = e;
            }
        })
        { IsBackground = true, Name = "test-loop" };
        _thread.Start();
    }

    public EventLoop Loop { get; }

    public LoopTimeProvider Time => Loop.Time;

    public int ThreadId => _thread.ManagedThreadId;

    /// <summary>Stops the loop and waits for it; true when it returned within <paramref name="timeout"/>.</summary>
    public bool Stop(TimeSpan timeout)
    {
        Loop.Stop();
        return _thread.Join(timeout);
    }

    public void Dispose()
    {
        bool stopped = Stop(TimeSpan.FromSeconds(10));
        Loop.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(stopped, Is.True, "the loop did not stop");
            Assert.That(_failure, Is.Null, () => $"the loop failed: {_failure}");
        });
    }
}
