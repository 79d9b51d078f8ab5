using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.LinuxGro;

/// <summary>
/// What Linux generic receive offload (GRO) does, stated as a capability profile. Each entry rests
/// on the kernel's merge code (6.x): <c>net/core/gro.c</c> (dev_gro_receive, skb_gro_receive,
/// napi_gro_flush), <c>net/core/dev.c</c> (napi_complete_done), <c>include/net/gro.h</c>
/// (inet_gro_flush, ipv6_gro_flush), <c>net/ipv4/af_inet.c</c> (inet_gro_receive),
/// <c>net/ipv6/ip6_offload.c</c> (ipv6_gro_receive) and <c>net/ipv4/tcp_offload.c</c>
/// (tcp_gro_receive, tcp_gro_complete). Everything not listed keeps the NDIS default; integrity,
/// order and merge legality are judged for GRO like for any device.
/// </summary>
public static class LinuxGroCapabilities
{
    /// <summary>Held packets per GRO hash bucket (MAX_GRO_SKBS) times buckets (GRO_HASH_BUCKETS).</summary>
    public const int MaxHeldFlows = 8 * 8;

    public static DeviceCapabilities Profile { get; } = new()
    {
        // The packet socket's virtio_net_hdr comes from virtio_net_hdr_from_skb: csum_start and
        // csum_offset locate the TCP checksum of a CHECKSUM_PARTIAL (merged) packet; there is no
        // RSC_INFO flag and no segment or duplicate-ACK count.
        ReportsRscInfo = false,

        // tcp_gro_receive never merges a segment without payload ((len - 1) >= mss with len 0), so
        // duplicate ACKs and window updates are always delivered one by one.
        CoalescesDuplicateAcks = false,
        AbsorbsWindowUpdates = false,

        // The TCP options after the fixed header are compared word by word with the held packet's:
        // timestamps merge only while TSval and TSecr repeat exactly. Every timestamp case of the
        // catalogue advances TSval, so for them GRO does not coalesce timestamps.
        CoalescesTimestamps = false,

        // The same word-by-word comparison merges segments whose options are identical whatever
        // they are (MSS, window scale, unknown kinds).
        RefusesOtherTcpOptions = false,

        // ipv6_gro_receive + tcp6_gro_receive merge IPv6 TCP like IPv4. skb_gro_receive refuses to
        // reach gro_max_size (65536) counting from the network header, so without BIG TCP an IPv6
        // unit stops at 65535 bytes including its 40-byte header: a payload length of 65495.
        CoalescesIpv6 = true,
        MaxIpv6PayloadLength = 65535 - 40,

        // GRO keeps no NDIS counters (CoalescedPkts, CoalescedOctets, CoalesceEvents, Aborts).
        ProvidesStatistics = false,

        // gro_flush_timeout is an idle timeout, not a bound on holding time: every poll that found
        // work re-arms the timer and flushes only packets older than one jiffy (gro_flush with
        // flush_old), so a unit is held until the flow is idle for the timeout or a jiffy passes.
        HasDrainTimer = false,

        // tcp_gro_receive: PSH, and a segment shorter than the unit's gso_size, are merged and then
        // end the unit; FIN too (FIN and PSH are OR-ed into the unit's header, then it is flushed).
        ContinuesAfterPsh = false,
        ContinuesAfterShortSegment = false,
        DeliversFinAlone = false,

        // tcp_flag_word (data offset, flags and window) and ack_seq must equal the held packet's.
        MergesAcrossAckAndWindowChanges = false,

        // inet_gro_flush / ipv6_gro_flush: TTL and TOS (or hop limit and traffic class) must match,
        // and IPv4 IDs must rise by one per segment or, with DF, stay fixed.
        MergesAcrossTtlChanges = false,
        MergesAnyIpIdSequence = false,

        // dev_gro_receive holds at most MAX_GRO_SKBS (8) packets per bucket of GRO_HASH_BUCKETS (8)
        // and flushes the oldest to make room.
        MaxOpenUnits = MaxHeldFlows,
    };
}
