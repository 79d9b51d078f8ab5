namespace Rsc.Device;

/// <summary>
/// The engine's own counters, beside the four NDIS ones: why frames bypassed coalescing, why units
/// were delivered (finalized), and what was absorbed. Names are stable; see <see cref="RscCounters"/>.
/// </summary>
public enum RscCounter
{
    /// <summary>Frames handed to <see cref="RscEngine.Receive"/>.</summary>
    Received,

    /// <summary>Deliveries made to the guest sink.</summary>
    Delivered,

    /// <summary>Units opened (a segment cached as the first of a unit).</summary>
    UnitsStarted,

    /// <summary>Data segments appended to an open unit.</summary>
    DataJoined,

    /// <summary>Shorter than Ethernet, or an EtherType other than IPv4/IPv6 (VLAN included).</summary>
    BypassNotIp,

    /// <summary>IP version, header length or lengths inconsistent with the frame.</summary>
    BypassMalformedIp,

    /// <summary>IP payload is not TCP.</summary>
    BypassNotTcp,

    /// <summary>TCP data offset out of range or options overrunning the header.</summary>
    BypassMalformedTcp,

    /// <summary>IPv4 fragment (MF or offset) or IPv6 fragment header.</summary>
    BypassIpFragment,

    /// <summary>IPv4 header with options.</summary>
    BypassIpv4Options,

    /// <summary>IPv6 extension headers in front of TCP.</summary>
    BypassIpv6ExtensionHeaders,

    /// <summary>IPv4 header checksum or TCP checksum wrong.</summary>
    BypassBadChecksum,

    /// <summary>A TCP option other than NOP, EOL and one well-formed timestamp.</summary>
    BypassTcpOptions,

    /// <summary>SYN, FIN, RST or URG (or no ACK, or ECE/CWR on a segment without data).</summary>
    FinalTcpFlags,

    /// <summary>Data whose sequence number is not the unit's next one (gap or retransmission).</summary>
    FinalOutOfOrder,

    /// <summary>ECN field, ECE or CWR differ from the unit.</summary>
    FinalEcnChange,

    /// <summary>DSCP, DF, IPv6 flow label or presence of the timestamp option differ from the unit.</summary>
    FinalHeaderChange,

    /// <summary>TSval older than the unit's (modulo 2^32).</summary>
    FinalTimestamp,

    /// <summary>Data acknowledging less than the unit already does.</summary>
    FinalAckBackwards,

    /// <summary>A pure ACK acknowledging a different number than the unit (never absorbed).</summary>
    FinalPureAck,

    /// <summary>A duplicate ACK after data: the data unit is delivered, the ACK opens a new unit.</summary>
    FinalDupAck,

    /// <summary>Data arriving on a unit of pure ACKs.</summary>
    FinalDataAfterAck,

    /// <summary>Merging would exceed the maximum IP datagram.</summary>
    FinalSize,

    /// <summary>Units delivered because the drain timer fired.</summary>
    FinalTimer,

    /// <summary>Units delivered by <see cref="RscEngine.Flush"/> or disposal.</summary>
    FinalFlush,

    /// <summary>Units delivered because a frame of their flow could not be coalesced.</summary>
    FinalFlowException,

    /// <summary>Duplicate ACKs absorbed into a unit of pure ACKs.</summary>
    DupAck,

    /// <summary>Window updates absorbed into a unit.</summary>
    WindowUpdate,

    /// <summary>Segments delivered alone because the cap on cached units was reached.</summary>
    ResourceShortage,
}

/// <summary>Stable kebab-case names of <see cref="RscCounter"/>.</summary>
public static class RscCounters
{
    private static readonly string[] NamesByCounter =
    [
        "received",
        "delivered",
        "units-started",
        "data-joined",
        "bypass-not-ip",
        "bypass-malformed-ip",
        "bypass-not-tcp",
        "bypass-malformed-tcp",
        "bypass-ip-fragment",
        "bypass-ipv4-options",
        "bypass-ipv6-extension-headers",
        "bypass-bad-checksum",
        "bypass-tcp-options",
        "final-tcp-flags",
        "final-out-of-order",
        "final-ecn-change",
        "final-header-change",
        "final-timestamp",
        "final-ack-backwards",
        "final-pure-ack",
        "final-dup-ack",
        "final-data-after-ack",
        "final-size",
        "final-timer",
        "final-flush",
        "final-flow-exception",
        "dup-ack",
        "window-update",
        "resource-shortage",
    ];

    /// <summary>Number of counters.</summary>
    public static int Count => NamesByCounter.Length;

    /// <summary>Every counter in declaration order.</summary>
    public static IReadOnlyList<RscCounter> All { get; } = Enum.GetValues<RscCounter>();

    public static string Name(RscCounter counter) => NamesByCounter[(int)counter];
}
