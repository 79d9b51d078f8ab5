namespace Rsc.Device.Benchmarks;

/// <summary>
/// A clock whose timers never fire, so the measurement is the coalescing path alone; each
/// invocation ends with an explicit Flush instead of a drain.
/// </summary>
internal sealed class StoppedClock : TimeProvider
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new IdleTimer();

    private sealed class IdleTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
