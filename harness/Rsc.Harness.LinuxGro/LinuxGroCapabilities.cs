using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.LinuxGro;

/// <summary>
/// What Linux generic receive offload (GRO) does differently from NDIS RSC by design, as the rules it
/// is excused from. Each excuse cites the kernel's merge code (6.x): <c>net/core/gro.c</c>
/// (dev_gro_receive, skb_gro_receive, napi_gro_flush), <c>net/core/dev.c</c> (napi_complete_done),
/// <c>include/net/gro.h</c> (inet_gro_flush, ipv6_gro_flush), <c>net/ipv4/af_inet.c</c>
/// (inet_gro_receive), <c>net/ipv6/ip6_offload.c</c> (ipv6_gro_receive) and
/// <c>net/ipv4/tcp_offload.c</c> (tcp_gro_receive, tcp_gro_complete). Every other rule — integrity,
/// order, merge legality, headers, checksums — holds for GRO like for any device.
/// </summary>
public static class LinuxGroCapabilities
{
    /// <summary>Held packets per GRO hash bucket (MAX_GRO_SKBS) times buckets (GRO_HASH_BUCKETS).</summary>
    public const int MaxHeldFlows = 8 * 8;

    private const string TcpGroReceive = "tcp_gro_receive, net/ipv4/tcp_offload.c";
    private const string NoRscInfo = "the packet socket's virtio_net_hdr comes from virtio_net_hdr_from_skb: csum_start and csum_offset locate the TCP checksum of a merged packet; there is no RSC_INFO flag and no segment or duplicate-ACK count";
    private const string VirtioNetHdrFromSkb = "virtio_net_hdr_from_skb, include/linux/virtio_net.h";
    private const string IdleTimeout = "gro_flush_timeout is an idle timeout, not a bound on holding time: every poll that found work re-arms the timer and flushes only packets older than one jiffy, so a unit is held until the flow is idle for the timeout or a jiffy passes";
    private const string FlushTimeout = "napi_complete_done, net/core/dev.c; napi_gro_flush (flush_old), net/core/gro.c";

    public static DeviceCapabilities Profile { get; } = DeviceCapabilities.Full.Excusing(
        new RuleExcuse(OracleRules.RscInfo, NoRscInfo, VirtioNetHdrFromSkb),
        new RuleExcuse(ExpectationRules.RscCounts, NoRscInfo, VirtioNetHdrFromSkb),

        // (len - 1) >= mss with len 0: a segment without payload is never merged.
        new RuleExcuse(BehaviourRules.DupAckCoalesced,
            "a segment without payload is never merged, so duplicate ACKs are delivered one by one (allowed by R)", TcpGroReceive),
        new RuleExcuse(BehaviourRules.WindowUpdateAbsorbed,
            "a segment without payload is never merged, so a window update is delivered alone", TcpGroReceive),

        // The options after the fixed header are compared word by word with the held packet's.
        new RuleExcuse(BehaviourRules.TimestampCoalescing,
            "TCP options are compared word by word with the held packet's: timestamps merge only while TSval and TSecr repeat exactly, so advancing timestamps end the unit", TcpGroReceive),
        new RuleExcuse(OracleRules.OptionsMerged,
            "the same word-by-word comparison merges segments whose TCP options are identical, whatever the options (MSS, SACK, unknown kinds)", TcpGroReceive),
        new RuleExcuse(OracleRules.TcpOptions,
            "a unit of segments with identical options keeps those options in its header", TcpGroReceive),

        // tcp_gro_receive merges the FIN and PSH segments and then flushes the unit.
        new RuleExcuse(OracleRules.FinMerged,
            "an in-order FIN segment is merged into the unit as its last segment (FIN OR-ed into the header) and the unit is flushed", TcpGroReceive),
        new RuleExcuse(BehaviourRules.ContinueAfterPsh,
            "a PSH segment is merged and then ends the unit, so no data follows PSH inside a unit", TcpGroReceive),
        new RuleExcuse(BehaviourRules.ContinueAfterShort,
            "a segment shorter than the unit's gso_size is merged and then ends the unit", TcpGroReceive),
        new RuleExcuse(BehaviourRules.MergeAcrossAckWindow,
            "tcp_flag_word (data offset, flags, window) and ack_seq must equal the held packet's, so an ACK or window change ends the unit", TcpGroReceive),

        new RuleExcuse(BehaviourRules.MergeAcrossTtl,
            "TTL and TOS (hop limit and traffic class) must match the held packet's", "inet_gro_flush / ipv6_gro_flush, include/net/gro.h"),
        new RuleExcuse(BehaviourRules.MergeAnyIpId,
            "IPv4 IDs must rise by one per segment or, with DF, stay fixed", "inet_gro_flush, include/net/gro.h"),

        new RuleExcuse(BehaviourRules.FlowCapacity,
            $"at most MAX_GRO_SKBS (8) packets per bucket of GRO_HASH_BUCKETS (8), {MaxHeldFlows} in all; the oldest is flushed to make room",
            "dev_gro_receive, net/core/gro.c; include/net/gro.h"),
        new RuleExcuse(BehaviourRules.Ipv6MaxPayload,
            "without BIG TCP a unit may not reach gro_max_size (65536) counting from the network header, so an IPv6 unit stops at a payload length of 65495",
            "skb_gro_receive, net/core/gro.c"),

        new RuleExcuse(ExpectationRules.Statistics,
            "GRO keeps no NDIS counters (CoalescedPkts, CoalescedOctets, CoalesceEvents, Aborts)", "net/core/gro.c"),

        new RuleExcuse(BehaviourRules.DrainTimer, IdleTimeout, FlushTimeout),
        new RuleExcuse(OracleRules.Latency, IdleTimeout, FlushTimeout));
}
