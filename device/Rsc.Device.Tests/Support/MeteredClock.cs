using Microsoft.Extensions.Time.Testing;

namespace Rsc.Device.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that keeps count of the bytes the clock itself allocates while a
/// timer is armed, so an allocation test can tell the engine's bytes from the clock's:
/// FakeTimeProvider allocates a waiter object on every <see cref="ITimer.Change"/> with a due time,
/// which a production clock (the runtime's timer queue, the daemon's loop) does not.
/// </summary>
/// <remarks>
/// Creating a timer allocates on any clock, so <see cref="CreateTimer"/> is not set apart: a timer
/// created per unit counts against the caller. Timer callbacks run inside <see cref="Advance"/> on
/// the calling thread, unwrapped.
/// </remarks>
public sealed class MeteredClock : TimeProvider
{
    private readonly FakeTimeProvider _inner = new();

    /// <summary>Bytes allocated on this thread inside the clock's own <see cref="ITimer.Change"/>.</summary>
    public long ClockBytes { get; private set; }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <summary>Moves virtual time on; every timer that falls due fires now, on this thread.</summary>
    public void Advance(TimeSpan delta) => _inner.Advance(delta);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new MeteredTimer(this, _inner.CreateTimer(callback, state, dueTime, period));

    private sealed class MeteredTimer(MeteredClock clock, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            bool changed = inner.Change(dueTime, period);
            clock.ClockBytes += GC.GetAllocatedBytesForCurrentThread() - before;
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
