namespace Rsc.Device.Daemon;

/// <summary>
/// A clock for the warm-up only: its timers fire when <see cref="FireAll"/> says so, so the engine's
/// drain-timer path (the one every real case takes first) is compiled before the TAP is served.
/// </summary>
internal sealed class WarmUpClock : TimeProvider
{
    private readonly List<Timer> _timers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state, dueTime != Timeout.InfiniteTimeSpan);
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Fires every armed timer once, whatever its due time.</summary>
    public void FireAll()
    {
        foreach (var timer in _timers.ToArray())
        {
            if (timer.Armed)
            {
                timer.Armed = false;
                timer.Callback(timer.State);
            }
        }
    }

    private sealed class Timer(TimerCallback callback, object? state, bool armed) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public bool Armed { get; set; } = armed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Armed = dueTime != Timeout.InfiniteTimeSpan;
            return true;
        }

        public void Dispose() => Armed = false;

        public ValueTask DisposeAsync()
        {
            Armed = false;
            return ValueTask.CompletedTask;
        }
    }
}
