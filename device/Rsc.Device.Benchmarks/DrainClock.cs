namespace Rsc.Device.Benchmarks;

/// <summary>
/// A clock whose armed timers fire when <see cref="FireDue"/> says so, whatever their due time: the
/// benchmark decides when the drain interval has passed. Firing allocates nothing, so the memory
/// diagnoser sees only the engine.
/// </summary>
internal sealed class DrainClock : TimeProvider
{
    private readonly List<Timer> _timers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state) { Armed = dueTime != Timeout.InfiniteTimeSpan };
        _timers.Add(timer);
        return timer;
    }

    /// <summary>Fires every armed timer once.</summary>
    public void FireDue()
    {
        for (int i = 0; i < _timers.Count; i++)
        {
            var timer = _timers[i];
            if (timer.Armed)
            {
                timer.Armed = false;
                timer.Callback(timer.State);
            }
        }
    }

    private sealed class Timer(TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public bool Armed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Armed = dueTime != Timeout.InfiniteTimeSpan;
            return true;
        }

        public void Dispose() => Armed = false;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
