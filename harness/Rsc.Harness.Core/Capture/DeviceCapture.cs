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

    /// <summary>
    /// What libpcap saw on the interface the run created (TAP or veth), with the kernel's timestamps
    /// (ns since the epoch); null when the adapter does not capture the wire.
    /// </summary>
    public IReadOnlyList<PcapRecord>? Wire { get; init; }

    /// <summary>Gaps between the sent frames as they appeared on the wire (kernel timestamps); null without a wire capture.</summary>
    public PacingReport? WirePacing { get; init; }
}
