using System.Diagnostics;

namespace Rsc.Harness.Live;

/// <summary>
/// The one real clock of a live run: nanoseconds since the run's origin, from the monotonic
/// Stopwatch. Sent and guest timestamps both come from it, so gaps and latencies compare directly.
/// </summary>
public sealed class RunClock
{
    private readonly long _origin;

    private RunClock(long origin) => _origin = origin;

    public static RunClock StartNew() => new(Stopwatch.GetTimestamp());

    /// <summary>Nanoseconds since the origin.</summary>
    public long NowNs => ToNs(Stopwatch.GetTimestamp());

    /// <summary>The origin as wall-clock time, for pcap timestamps.</summary>
    public DateTimeOffset OriginUtc { get; } = DateTimeOffset.UtcNow;

    /// <summary>Converts a <see cref="Stopwatch.GetTimestamp"/> value to nanoseconds since the origin.</summary>
    public long ToNs(long stopwatchTimestamp)
    {
        long ticks = stopwatchTimestamp - _origin;
        return Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
    }
}
