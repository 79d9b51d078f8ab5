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
}
