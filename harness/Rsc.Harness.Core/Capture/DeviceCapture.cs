namespace Rsc.Harness.Core.Capture;

/// <summary>Everything observed while one case's traffic ran through a device: both sides and the clock used.</summary>
public sealed record DeviceCapture(
    IReadOnlyList<SentFrame> Sent,
    IReadOnlyList<GuestFrame> Guest,
    TimingMode Timing,
    DeviceStatistics? Statistics,
    PacingReport Pacing,
    /// <summary>When the adapter stopped watching the guest side, ns from the start of the run.</summary>
    long ObservationEndNs,
    IReadOnlyList<string> Notes)
{
    /// <summary>On a real clock: host steal and guest-side read lag measured during the run; null otherwise.</summary>
    public RealTimeConditions? Conditions { get; init; }

    /// <summary>
    /// False when the adapter could not see the guest side at all (a Windows adapter judged from its
    /// RSC counters only): <see cref="Guest"/> is then empty by necessity, not because nothing arrived,
    /// and every rule that needs guest frames is reported as not observed instead of judged.
    /// </summary>
    public bool GuestObserved { get; init; } = true;
}
