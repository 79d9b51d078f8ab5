namespace Rsc.Device;

/// <summary>
/// Deliberate, named defects the engine can be told to have, so the conformance cases can prove
/// they catch each one. None is ever on by default.
/// </summary>
[Flags]
public enum RscFault
{
    None = 0,

    /// <summary>PSH of the coalesced unit is the last segment's instead of OR-ed across segments.</summary>
    PshFromLast = 1 << 0,

    /// <summary>Duplicate ACKs are absorbed but the header reports 0 of them.</summary>
    DupAcksNotCounted = 1 << 1,

    /// <summary>Pure ACKs that advance the ACK number are absorbed into data units and counted as segments.</summary>
    PureAcksAsSegments = 1 << 2,

    /// <summary>The first segment's IPv4 and TCP checksums are kept and NEEDS_CSUM is not set.</summary>
    ChecksumsNotRecomputed = 1 << 3,

    /// <summary>IP ID of the coalesced unit is the last segment's.</summary>
    IpIdFromLast = 1 << 4,

    /// <summary>TTL / hop limit of the coalesced unit is the last segment's.</summary>
    TtlFromLast = 1 << 5,

    /// <summary>Segment count reported as ceil(total payload / first payload).</summary>
    CountFromSize = 1 << 6,

    /// <summary>A FIN is delivered before the flow's cached unit.</summary>
    FinBeforeData = 1 << 7,

    /// <summary>The drain timer is never armed.</summary>
    TimerNeverFires = 1 << 8,

    /// <summary>ECN field, ECE and CWR changes do not end coalescing.</summary>
    MergeAcrossEcnChange = 1 << 9,

    /// <summary>IPv4 headers with options are coalesced.</summary>
    MergeIpv4Options = 1 << 10,

    /// <summary>IPv4 first fragments (MF set, offset 0) are coalesced.</summary>
    MergeFragments = 1 << 11,

    /// <summary>Data joins its unit even when SEG.SEQ is not the unit's next sequence number.</summary>
    MergeAcrossGap = 1 << 12,

    /// <summary>No 65535-byte limit on the coalesced IP datagram.</summary>
    GrowPast64K = 1 << 13,

    /// <summary>RSC_INFO with a segment count of 1 on deliveries that were not coalesced.</summary>
    RscInfoOnSingle = 1 << 14,

    /// <summary>gso_size 0 on coalesced units.</summary>
    GsoSizeZero = 1 << 15,

    /// <summary>Segments whose IPv4 header or TCP checksum is bad are coalesced like good ones.</summary>
    MergeBadChecksum = 1 << 16,

    /// <summary>The Ethernet padding behind an appended segment's IP datagram is appended to the unit's payload.</summary>
    PadIntoPayload = 1 << 17,

    /// <summary>A PSH or FIN segment that cannot join is delivered before the unit its flow is holding.</summary>
    FlaggedOvertakesHeld = 1 << 18,

    /// <summary>The third data segment of a unit is placed before the second.</summary>
    ThirdSegmentMisplaced = 1 << 19,

    /// <summary>An appended segment's PSH is OR-ed into a byte of its payload instead of the unit's header.</summary>
    FlagsIntoPayload = 1 << 20,

    /// <summary>A DSCP change does not end coalescing; the unit keeps the first segment's DSCP.</summary>
    MergeAcrossDscpChange = 1 << 21,

    /// <summary>TTL / hop limit of the coalesced unit is the first segment's.</summary>
    TtlFromFirst = 1 << 22,

    /// <summary>Data at the unit's first sequence number with a new window is absorbed as a window update, its payload dropped.</summary>
    WindowProbeDropsPayload = 1 << 23,

    /// <summary>A pure ACK absorbed into a unit replaces the unit's PSH with its own.</summary>
    PureAckOverwritesFlags = 1 << 24,
}

/// <summary>Kebab-case names of the faults, for command lines and the case catalogue.</summary>
public static class RscFaults
{
    private static readonly (string Name, RscFault Fault)[] Table =
    [
        ("psh-from-last", RscFault.PshFromLast),
        ("dup-acks-not-counted", RscFault.DupAcksNotCounted),
        ("pure-acks-as-segments", RscFault.PureAcksAsSegments),
        ("checksums-not-recomputed", RscFault.ChecksumsNotRecomputed),
        ("ipid-from-last", RscFault.IpIdFromLast),
        ("ttl-from-last", RscFault.TtlFromLast),
        ("count-from-size", RscFault.CountFromSize),
        ("fin-before-data", RscFault.FinBeforeData),
        ("timer-never-fires", RscFault.TimerNeverFires),
        ("merge-across-ecn-change", RscFault.MergeAcrossEcnChange),
        ("merge-ipv4-options", RscFault.MergeIpv4Options),
        ("merge-fragments", RscFault.MergeFragments),
        ("merge-across-gap", RscFault.MergeAcrossGap),
        ("grow-past-64k", RscFault.GrowPast64K),
        ("rsc-info-on-single", RscFault.RscInfoOnSingle),
        ("gso-size-zero", RscFault.GsoSizeZero),
        ("merge-bad-checksum", RscFault.MergeBadChecksum),
        ("pad-into-payload", RscFault.PadIntoPayload),
        ("flagged-overtakes-held", RscFault.FlaggedOvertakesHeld),
        ("third-segment-misplaced", RscFault.ThirdSegmentMisplaced),
        ("flags-into-payload", RscFault.FlagsIntoPayload),
        ("merge-across-dscp-change", RscFault.MergeAcrossDscpChange),
        ("ttl-from-first", RscFault.TtlFromFirst),
        ("window-probe-drops-payload", RscFault.WindowProbeDropsPayload),
        ("pure-ack-overwrites-flags", RscFault.PureAckOverwritesFlags),
    ];

    /// <summary>Every fault name, in catalogue order.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, t => t.Name);

    /// <summary>The fault called <paramref name="name"/> (case-insensitive); "none" is <see cref="RscFault.None"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static RscFault Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (TryParse(name, out var fault))
        {
            return fault;
        }
        throw new ArgumentException($"unknown RSC fault '{name}'; known: {string.Join(", ", Names)}", nameof(name));
    }

    public static bool TryParse(string name, out RscFault fault)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            fault = RscFault.None;
            return true;
        }
        foreach (var (n, f) in Table)
        {
            if (n.Equals(trimmed, StringComparison.OrdinalIgnoreCase))
            {
                fault = f;
                return true;
            }
        }
        fault = RscFault.None;
        return false;
    }

    /// <summary>The kebab-case name of a single fault.</summary>
    public static string Name(RscFault fault)
    {
        foreach (var (n, f) in Table)
        {
            if (f == fault)
            {
                return n;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(fault), fault, "not a single named fault");
    }
}
