using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.LinuxGro;

/// <summary>
/// What Linux generic receive offload (GRO) does, stated as a capability profile. Each entry rests
/// on the kernel's merge code: <c>net/core/gro.c</c> (dev_gro_receive, gro_flush, napi_complete_done
/// in <c>net/core/dev.c</c>), <c>net/ipv4/af_inet.c</c> (inet_gro_receive),
/// <c>net/ipv6/ip6_offload.c</c> (ipv6_gro_receive) and <c>net/ipv4/tcp_offload.c</c>
/// (tcp_gro_receive, tcp_gro_complete).
/// </summary>
public static class LinuxGroCapabilities
{
    public static DeviceCapabilities Profile { get; } = new()
    {
        // The packet socket's virtio_net_hdr comes from virtio_net_hdr_from_skb: csum_start and
        // csum_offset are the real checksum location of a CHECKSUM_PARTIAL skb; there is no
        // RSC_INFO flag and no segment or duplicate-ACK count.
        ReportsRscInfo = false,

        // tcp_gro_receive flushes on any payload-less segment (a pure ACK is never held or merged),
        // so duplicate ACKs are always delivered one by one: the exemption R allows.
        CoalescesDuplicateAcks = false,

        // Options after the 20-byte TCP header are compared word by word with the held packet's;
        // any difference flushes. Timestamps therefore merge only while TSval and TSecr repeat.
        CoalescesTimestamps = false,

        // ipv6_gro_receive + tcp6_gro_receive merge IPv6 TCP like IPv4.
        CoalescesIpv6 = true,

        // GRO keeps no NDIS counters (CoalescedPkts, CoalescedOctets, CoalesceEvents, Aborts).
        ProvidesStatistics = false,

        // gro_flush_timeout is an idle timeout, not a bound on how long a packet is held: every
        // poll that found work re-arms the timer and flushes only packets older than one jiffy
        // (gro_flush with flush_old), so a unit can be held for a jiffy plus the timeout.
        HasDrainTimer = false,
    };
}
