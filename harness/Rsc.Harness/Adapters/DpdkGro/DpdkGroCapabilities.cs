using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Adapters.DpdkGro;

/// <summary>
/// What DPDK 22.11's GRO library does by design, as a capability profile. Every entry rests on the
/// library's own source at v22.11: <c>lib/gro/gro_tcp4.c</c> (gro_tcp4_reassemble,
/// gro_tcp4_tbl_timeout_flush, update_header), <c>lib/gro/gro_tcp4.h</c> (tcp4_flow_key,
/// is_same_tcp4_flow, check_seq_option, merge_two_tcp4_packets) and <c>lib/gro/rte_gro.h</c>
/// (the GRO types and the API contract). 22.11 has no <c>gro_tcp.h</c>: the TCP helpers live in
/// gro_tcp4.h until IPv6 GRO arrived in a later release. Only behaviours the library has on
/// purpose are excused; integrity, order, header legality and the virtio header are judged as for
/// any device.
/// </summary>
public static class DpdkGroCapabilities
{
    private const string Reassemble = "gro_tcp4_reassemble, lib/gro/gro_tcp4.c (DPDK 22.11)";
    private const string CheckSeqOption = "check_seq_option, lib/gro/gro_tcp4.h (DPDK 22.11)";
    private const string MergeTwoPackets = "check_seq_option and merge_two_tcp4_packets, lib/gro/gro_tcp4.h (DPDK 22.11)";
    private const string FlowKey = "tcp4_flow_key and is_same_tcp4_flow, lib/gro/gro_tcp4.h (DPDK 22.11)";
    private const string GroTypes = "RTE_GRO_TCP_IPV4, RTE_GRO_IPV4_VXLAN_TCP_IPV4, RTE_GRO_UDP_IPV4 and RTE_GRO_IPV4_VXLAN_UDP_IPV4, lib/gro/rte_gro.h (DPDK 22.11)";
    private const string NoCounters = "lib/gro/rte_gro.h (DPDK 22.11): the API's only figure is rte_gro_get_pkt_count, the packets held now";

    /// <summary>The rules the library is excused from, each with the behaviour and DPDK's own source.</summary>
    public static IReadOnlyList<RuleExcuse> Excuses { get; } =
    [
        new(BehaviourRules.DupAckCoalesced,
            "segments without payload are returned to the caller unprocessed (tcp_dl <= 0), so duplicate ACKs are never absorbed or counted; each is delivered alone", Reassemble),
        new(BehaviourRules.WindowUpdateAbsorbed,
            "a window update carries no payload and is returned to the caller unprocessed, so it is delivered alone", Reassemble),
        new(BehaviourRules.TimestampCoalescing,
            "TCP options must be byte for byte identical to the held packet's (memcmp), so segments whose TSval advances are never merged", CheckSeqOption),
        new(OracleRules.OptionsMerged,
            "the same byte-for-byte comparison merges segments whose options are identical, whatever the options are (MSS, window scale)", CheckSeqOption),
        new(OracleRules.TcpOptions,
            "a unit merged from segments with identical options keeps its first segment's header, options included (only the later segments' headers are stripped)", MergeTwoPackets),
        new(BehaviourRules.Ipv6Coalescing,
            "22.11 reassembles TCP/IPv4, VXLAN and UDP/IPv4 only: IPv6 packets are returned to the caller unprocessed", GroTypes),
        new(BehaviourRules.ContinueAfterPsh,
            "a segment with any flag besides ACK (PSH included) is returned to the caller unprocessed, so PSH is never merged into a unit", Reassemble),
        new(BehaviourRules.MergeAcrossAckWindow,
            "the ACK number is part of the flow key, so segments with different ACK numbers are held as different flows and never merged", FlowKey),
        new(BehaviourRules.MergeAnyIpId,
            "without DF the IPv4 ID must rise by one per merged segment (ip_id == item->ip_id + 1); only with DF are IDs ignored", CheckSeqOption),
        new(ExpectationRules.Statistics, "the library keeps no NDIS-style counters", NoCounters),
        new(OracleRules.CoalescedPackets, "the library keeps no NDIS-style counters", NoCounters),
        new(OracleRules.CoalescedOctets, "the library keeps no NDIS-style counters", NoCounters),
        new(OracleRules.CoalesceEvents, "the library keeps no NDIS-style counters", NoCounters),
    ];

    /// <summary>
    /// Held to everything else: the device writes RSC_INFO with the number of received frames DPDK
    /// chained into each packet (device/dpdk-gro/rsc-dpdk-gro.c), and gro_tcp4_tbl_timeout_flush
    /// hands over every item one interval after its first packet arrived, so latency is judged.
    /// </summary>
    public static DeviceCapabilities Profile { get; } = DeviceCapabilities.Full.Excusing(Excuses);
}
