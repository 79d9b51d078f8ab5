using Microsoft.Extensions.Time.Testing;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>
/// Virtual time for the in-process device. A plain <see cref="FakeTimeProvider"/> moves its clock to
/// the target first and only then fires the timers that came due, so a drain timer would stamp its
/// deliveries with the later time. This clock tracks every timer it hands out and, when advanced,
/// stops at each due time in turn: callbacks see their own due time and timestamps are exact.
/// Resolution is one tick (100 ns), the resolution of <see cref="TimeSpan"/>.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    public const long NanosecondsPerTick = 100;

    /// <summary>A fixed start so runs are reproducible to the byte.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake;
    private readonly List<TrackedTimer> _timers = [];

    public VirtualClock()
        : this(DefaultStart)
    {
    }

    public VirtualClock(DateTimeOffset start)
    {
        _fake = new FakeTimeProvider(start);
        Start = start;
    }

    public DateTimeOffset Start { get; }

    /// <summary>Time since <see cref="Start"/>, in ns.</summary>
    public long ElapsedNs => (_fake.GetUtcNow() - Start).Ticks * NanosecondsPerTick;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timers that are armed, for diagnosis.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_timers)
            {
                return _timers.Count(t => t.DueTicks is not null);
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new TrackedTimer(this, callback, state);
        lock (_timers)
        {
            _timers.Add(timer);
        }
        timer.Arm(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to <paramref name="elapsedNs"/> after <see cref="Start"/> (rounded up to a
    /// whole tick, so nothing happens early), firing every timer at its own due time on the way.
    /// Never moves backwards.
    /// </summary>
    public void AdvanceTo(long elapsedNs)
    {
        long targetTicks = CeilingTicks(elapsedNs);
        while (true)
        {
            var next = EarliestDue();
            if (next is null || next.Value.DueTicks > targetTicks)
            {
                break;
            }
            long nowTicks = NowTicks;
            long dueTicks = Math.Max(next.Value.DueTicks, nowTicks);
            _fake.SetUtcNow(Start.AddTicks(dueTicks));
            if (next.Value.Timer.DueTicks == next.Value.DueTicks && NowTicks == nowTicks && dueTicks == nowTicks)
            {
                // The timer was due now yet did not fire: stepping again would spin forever.
                throw new InvalidOperationException($"virtual timer due at tick {dueTicks} did not fire");
            }
        }
        if (targetTicks > NowTicks)
        {
            _fake.SetUtcNow(Start.AddTicks(targetTicks));
        }
    }

    public static long CeilingTicks(long ns) => ns <= 0 ? 0 : ((ns - 1) / NanosecondsPerTick) + 1;

    private long NowTicks => (_fake.GetUtcNow() - Start).Ticks;

    private (TrackedTimer Timer, long DueTicks)? EarliestDue()
    {
        lock (_timers)
        {
            (TrackedTimer, long)? best = null;
            foreach (var t in _timers)
            {
                if (t.DueTicks is { } due && (best is null || due < best.Value.Item2))
                {
                    best = (t, due);
                }
            }
            return best;
        }
    }

    private void Remove(TrackedTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>A fake timer plus the next time it is due, which the fake does not expose.</summary>
    private sealed class TrackedTimer : ITimer
    {
        private readonly VirtualClock _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _inner;
        private long _periodTicks;
        private bool _disposed;

        public TrackedTimer(VirtualClock clock, TimerCallback callback, object? state)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            // Created disarmed: a zero due time fires inside the fake's CreateTimer, before this
            // object could know it was armed.
            _inner = clock._fake.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Ticks after the clock's start when the timer fires next; null when disarmed.</summary>
        public long? DueTicks { get; private set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            // A zero due time fires inside Change, so the bookkeeping comes first.
            Record(dueTime, period);
            _inner.Change(dueTime, period);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }
            Arm(dueTime, period);
            return true;
        }

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            DueTicks = null;
            _inner.Dispose();
            _clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Record(TimeSpan dueTime, TimeSpan period)
        {
            _periodTicks = period > TimeSpan.Zero ? period.Ticks : 0;
            DueTicks = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.NowTicks + Math.Max(0, dueTime.Ticks);
        }

        private void Fire()
        {
            if (_disposed)
            {
                return;
            }
            DueTicks = _periodTicks > 0 ? _clock.NowTicks + _periodTicks : null;
            _callback(_state);
        }
    }
}
