using System.Diagnostics;

namespace Rsc.Device.Daemon;

/// <summary>
/// Conversions between <see cref="Stopwatch"/> ticks, nanoseconds and <see cref="TimeSpan"/>, in one
/// place. On Linux a tick is a nanosecond, so the per-frame conversions cost nothing there; other
/// frequencies take the exact 128-bit path.
/// </summary>
internal static class StopwatchTicks
{
    private static readonly bool TicksAreNanoseconds = Stopwatch.Frequency == 1_000_000_000;

    public static long ToNanoseconds(long ticks) =>
        TicksAreNanoseconds ? ticks : (long)((Int128)ticks * 1_000_000_000 / Stopwatch.Frequency);

    public static long FromTimeSpan(TimeSpan value) =>
        (long)((Int128)value.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
}
