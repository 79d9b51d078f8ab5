namespace Rsc.Harness.Core.Devices;

/// <summary>
/// A device's capability profile. Cases that need a capability the device lacks come out as
/// not applicable (Info) instead of failing; integrity, order and legality are judged regardless.
/// </summary>
public sealed record DeviceCapabilities
{
    /// <summary>Rules the device is excused from, each with its behaviour and the implementation's own citation.</summary>
    public IReadOnlyList<RuleExcuse> Excuses { get; init; } = [];

    /// <summary>The excuse for <paramref name="rule"/>, or null when the device is held to it.</summary>
    public RuleExcuse? ExcuseFor(string rule)
    {
        foreach (var excuse in Excuses)
        {
            if (string.Equals(excuse.Rule, rule, StringComparison.Ordinal))
            {
                return excuse;
            }
        }
        return null;
    }

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

    /// <summary>Absorbs a window update (pure ACK, same ACK number, new window) into the open unit (R).</summary>
    public bool AbsorbsWindowUpdates { get; init; } = true;

    /// <summary>Keeps the unit open after a PSH segment, so later in-order data joins it and PSH is OR-ed in (IPH).</summary>
    public bool ContinuesAfterPsh { get; init; } = true;

    /// <summary>Keeps the unit open after a segment shorter than the unit's MSS, so later in-order data joins it (R).</summary>
    public bool ContinuesAfterShortSegment { get; init; } = true;

    /// <summary>Merges data segments whose ACK number or window differ; the unit takes the last segment's (R).</summary>
    public bool MergesAcrossAckAndWindowChanges { get; init; } = true;

    /// <summary>Merges segments whose TTL or hop limit differ; the unit takes the minimum (IPH).</summary>
    public bool MergesAcrossTtlChanges { get; init; } = true;

    /// <summary>Merges IPv4 segments whatever their IP IDs; the unit takes the first segment's (IPH).</summary>
    public bool MergesAnyIpIdSequence { get; init; } = true;

    /// <summary>Delivers a FIN segment alone, after the unit it ends (E: any flag other than ACK/PSH is an exception).</summary>
    public bool DeliversFinAlone { get; init; } = true;

    /// <summary>Never merges segments carrying TCP options other than timestamps, even identical ones (E).</summary>
    public bool RefusesOtherTcpOptions { get; init; } = true;

    /// <summary>How many flows can have an open unit at the same time.</summary>
    public int MaxOpenUnits { get; init; } = int.MaxValue;

    /// <summary>Largest IPv6 payload length a unit may reach (the 16-bit field allows 65535).</summary>
    public int MaxIpv6PayloadLength { get; init; } = 65535;

    public static DeviceCapabilities Full { get; } = new();
}
