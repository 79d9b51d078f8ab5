namespace Rsc.Harness.Running;

/// <summary>Run-wide settings; a case may pin its own interval or spacing.</summary>
public sealed record RunOptions
{
    public long SpacingNs { get; init; } = 100_000;
    public long DrainIntervalNs { get; init; } = 300_000;
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// These options as the device under test has them: an interval the device's own options pin
    /// (qemu:interval-us=N) is the run's interval, whatever the run asked for. One rule for every
    /// command, so results record the interval the device actually ran with.
    /// </summary>
    public RunOptions For(Core.Devices.IDeviceFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.DrainIntervalNs is { } pinned ? this with { DrainIntervalNs = pinned } : this;
    }

    /// <summary>
    /// On a real clock, delay tolerated beyond the drain interval on top of the measured pacing
    /// lateness: the host's scheduling and the delivery path (TAP, socket, emulation) add some.
    /// </summary>
    public long RealTimeLatencyAllowanceNs { get; init; } = DefaultRealTimeLatencyAllowanceNs;

    /// <remarks>
    /// 2 ms: on a 2-core VM the reference daemon, started fresh for each case, delivers its first unit
    /// 1.0–1.2 ms after the interval and later ones 0.1–0.2 ms after it (measured 2026-11-26).
    /// </remarks>
    public const long DefaultRealTimeLatencyAllowanceNs = 2_000_000;
}
