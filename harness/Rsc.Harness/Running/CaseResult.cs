using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;

namespace Rsc.Harness.Running;

/// <summary>Everything known about one case after it ran (or failed to).</summary>
public sealed record CaseResult(
    ConformanceCase Case,
    Outcome Outcome,
    IReadOnlyList<Finding> Findings,
    TimeSpan Duration,
    long DrainIntervalNs,
    long SpacingNs,
    TrafficPlan? Plan,
    DeviceCapture? Capture,
    Judgement? Judgement,
    DeviceInfo? Device,
    string? Error)
{
    /// <summary>How late past the drain interval a frame may be before it is a latency finding (0 on virtual time).</summary>
    public long LatencyToleranceNs { get; init; }
}
