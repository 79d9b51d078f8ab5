namespace Rsc.Harness.Core.Capture;

/// <summary>
/// The NDIS RSC counters (OID_TCP_RSC_STATISTICS) as a device reports them after a run, plus any
/// device-specific counters (per bypass or finalize reason) for diagnosis only.
/// </summary>
public sealed record DeviceStatistics(
    long CoalescedPackets,
    long CoalescedOctets,
    long CoalesceEvents,
    long Aborts,
    IReadOnlyDictionary<string, long> Detail);
