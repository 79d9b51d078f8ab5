using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Qemu;

/// <summary>
/// What QEMU 7.2's virtio-net RSC really does, from hw/net/virtio-net.c (functions named below).
/// </summary>
public static class QemuCapabilities
{
    /// <param name="rscInfoNegotiated">RSC_EXT was negotiated: only then does QEMU coalesce and write RSC_INFO.</param>
    public static DeviceCapabilities For(bool rscInfoNegotiated) => new()
    {
        // virtio_net_rsc_drain_seg: a coalesced segment leaves with VIRTIO_NET_HDR_F_RSC_INFO,
        // rsc.segments = packets merged and rsc.dup_acks = the segment's dup-ACK count.
        ReportsRscInfo = rscInfoNegotiated,

        // virtio_net_rsc_handle_ack: a duplicate ACK (same ACK, same window) returns RSC_FINAL: the
        // cached segment is drained and the dup ACK is delivered on its own; dup_ack is never
        // incremented (always 0 in the header). A window update (same ACK, new window) is absorbed.
        CoalescesDuplicateAcks = false,

        // virtio_net_rsc_tcp_ctrl_check: any TCP header longer than 20 bytes (timestamps included)
        // returns RSC_FINAL, so segments with options are never merged.
        CoalescesTimestamps = false,

        // virtio_net_rsc_receive6 / virtio_net_rsc_sanity_check6: IPv6 TCP is coalesced when
        // RSC_EXT and GUEST_TSO6 are on (rsc6_enabled).
        CoalescesIpv6 = true,

        // QEMU keeps chain->stat counters internally but exposes no NDIS-style counters to the guest.
        ProvidesStatistics = false,

        // virtio_net_rsc_do_coalesce arms chain->drain_timer (QEMU_CLOCK_HOST, rsc_timeout ns) when
        // the first segment is cached; virtio_net_rsc_purge drains everything cached when it fires.
        HasDrainTimer = true,
    };
}
