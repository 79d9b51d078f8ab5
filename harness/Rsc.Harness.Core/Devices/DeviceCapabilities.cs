namespace Rsc.Harness.Core.Devices;

/// <summary>
/// A device's capability profile. Cases that need a capability the device lacks come out as
/// not applicable (Info) instead of failing; integrity, order and legality are judged regardless.
/// </summary>
public sealed record DeviceCapabilities
{
    /// <summary>Reports segment and dup-ACK counts in the virtio header (RSC_INFO).</summary>
    public bool ReportsRscInfo { get; init; } = true;

    /// <summary>Absorbs duplicate ACKs and counts them (the alternative, allowed by R, is to indicate each alone).</summary>
    public bool CoalescesDuplicateAcks { get; init; } = true;

    /// <summary>Merges segments that carry the TCP timestamp option.</summary>
    public bool CoalescesTimestamps { get; init; } = true;

    /// <summary>Coalesces IPv6 flows.</summary>
    public bool CoalescesIpv6 { get; init; } = true;

    /// <summary>Exposes the NDIS counters (CoalescedPkts, CoalescedOctets, CoalesceEvents, Aborts).</summary>
    public bool ProvidesStatistics { get; init; } = true;

    /// <summary>Flushes everything cached when the drain interval expires (a timer-based device).</summary>
    public bool HasDrainTimer { get; init; } = true;

    public static DeviceCapabilities Full { get; } = new();
}
