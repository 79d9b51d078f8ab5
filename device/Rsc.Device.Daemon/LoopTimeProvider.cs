using System.Diagnostics;

namespace Rsc.Device.Daemon;

/// <summary>
/// A <see cref="TimeProvider"/> whose timers fire on an <see cref="EventLoop"/>'s thread at the
/// loop's precision (microseconds), instead of the runtime timer queue's (about a millisecond).
/// <see cref="TimeProvider.GetTimestamp"/> is <see cref="Stopwatch"/>; wall-clock time is the system's.
/// </summary>
/// <remarks>
/// <see cref="ITimer.Change"/> and <see cref="IDisposable.Dispose"/> may be called from any thread;
/// arming a timer from another thread wakes the loop. Callbacks run on the loop thread, one at a
/// time, never under the provider's lock. Changing or disposing a timer from another thread while
/// its callback is already starting does not stop that callback (as with <see cref="Timer"/>).
/// </remarks>
public sealed class LoopTimeProvider : TimeProvider
{
    /// <summary>Due time of a timer that is not armed.</summary>
    internal const long Never = long.MaxValue;

    private readonly Lock _gate = new();
    private readonly PriorityQueue<(LoopTimer Timer, long Generation), long> _queue = new();
    private readonly Action _wake;
    private readonly Func<bool> _onLoopThread;

    internal LoopTimeProvider(Action wake, Func<bool> onLoopThread)
    {
        _wake = wake;
        _onLoopThread = onLoopThread;
    }

    /// <summary>How late timer callbacks started, measured on the loop thread.</summary>
    public LatencyHistogram Lateness { get; } = new();

    /// <summary>How long each timer callback ran (a drain delivers what the unit holds).</summary>
    public LatencyHistogram CallbackTime { get; } = new();

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override long GetTimestamp() => Stopwatch.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new LoopTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Timers armed and not yet fired (for tests and diagnostics).</summary>
    internal int ArmedCount
    {
        get
        {
            lock (_gate)
            {
                int armed = 0;
                foreach (var ((timer, generation), _) in _queue.UnorderedItems)
                {
                    if (timer.Generation == generation)
                    {
                        armed++;
                    }
                }
                return armed;
            }
        }
    }

    /// <summary>Runs, on the loop thread, every timer due at or before <paramref name="now"/>, earliest first.</summary>
    /// <returns>
    /// When the next armed timer is due (<see cref="Never"/>: none), read under the same lock, so a
    /// wake-up takes the lock once when nothing is due. A timer armed later from another thread wakes the loop.
    /// </returns>
    internal long RunDue(long now)
    {
        while (true)
        {
            LoopTimer timer;
            long due;
            lock (_gate)
            {
                due = PeekLive();
                if (due > now)
                {
                    return due;
                }
                timer = _queue.Dequeue().Timer;
                if (timer.Period > 0)
                {
                    // Next period counted from the due time, so a periodic timer does not drift; after a
                    // stall it skips the missed periods rather than firing a burst.
                    long next = due + timer.Period;
                    if (next <= now)
                    {
                        next = now + timer.Period;
                    }
                    Schedule(timer, next);
                }
                else
                {
                    timer.Generation++;
                    timer.Due = Never;
                }
            }
            long started = Stopwatch.GetTimestamp();
            Lateness.Record(started - due);
            timer.Callback(timer.State);
            CallbackTime.Record(Stopwatch.GetTimestamp() - started);
        }
    }

    /// <returns>false when the timer is disposed.</returns>
    internal bool Change(LoopTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        long dueTicks = ToTicks(dueTime, nameof(dueTime));
        long periodTicks = ToTicks(period, nameof(period));
        bool wake;
        lock (_gate)
        {
            if (timer.Disposed)
            {
                return false;
            }
            timer.Period = periodTicks == Never ? 0 : periodTicks;
            if (dueTicks == Never)
            {
                timer.Generation++;
                timer.Due = Never;
                return true;
            }
            long due = Stopwatch.GetTimestamp() + dueTicks;
            Schedule(timer, due);
            wake = !_onLoopThread();
        }
        if (wake)
        {
            _wake();
        }
        return true;
    }

    internal void Dispose(LoopTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            timer.Generation++;
            timer.Due = Never;
        }
    }

    private void Schedule(LoopTimer timer, long due)
    {
        timer.Generation++;
        timer.Due = due;
        _queue.Enqueue((timer, timer.Generation), due);
    }

    /// <summary>Drops superseded entries at the head (lazy deletion) and returns the earliest live due time.</summary>
    private long PeekLive()
    {
        while (_queue.TryPeek(out var entry, out long due))
        {
            if (entry.Timer.Generation == entry.Generation)
            {
                return due;
            }
            _queue.Dequeue();
        }
        return Never;
    }

    /// <summary>A due time or period as Stopwatch ticks; <see cref="Never"/> for <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    private static long ToTicks(TimeSpan value, string name)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return Never;
        }
        // Timer's own limits: non-negative and at most 0xfffffffe milliseconds.
        if (value < TimeSpan.Zero || value.TotalMilliseconds > 0xfffffffe)
        {
            throw new ArgumentOutOfRangeException(name, value, "must be non-negative and at most 4294967294 ms, or Timeout.InfiniteTimeSpan");
        }
        return StopwatchTicks.FromTimeSpan(value);
    }

    internal sealed class LoopTimer(LoopTimeProvider provider, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;
        public object? State { get; } = state;

        // Guarded by the provider's lock.
        public long Generation { get; set; }
        public long Due { get; set; } = Never;
        public long Period { get; set; }
        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => provider.Change(this, dueTime, period);

        public void Dispose() => provider.Dispose(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
