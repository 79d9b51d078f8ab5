using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Qemu;

/// <summary>
/// What QEMU's virtio-net RSC does differently from NDIS RSC by design, as the rules it is excused
/// from, each citing hw/net/virtio-net.c (7.2). Everything else — including the rules QEMU breaks
/// without meaning to (checksums, gso_size, bypassed packets overtaking cached data) — is judged.
/// </summary>
public static class QemuCapabilities
{
    private const string Source = "hw/net/virtio-net.c";

    /// <param name="rscInfoNegotiated">RSC_EXT was negotiated: only then does QEMU coalesce and write RSC_INFO.</param>
    public static DeviceCapabilities For(bool rscInfoNegotiated)
    {
        var excuses = new List<RuleExcuse>
        {
            // A duplicate ACK (same ACK, same window) returns RSC_FINAL: the cached segment is drained
            // and the duplicate is delivered on its own; dup_ack is never incremented.
            new(BehaviourRules.DupAckCoalesced,
                "a duplicate ACK drains the cached unit and is delivered on its own; the duplicate-ACK count is always 0 (allowed by R)",
                $"virtio_net_rsc_handle_ack, {Source}"),

            // Any TCP header longer than 20 bytes (timestamps included) returns RSC_FINAL.
            new(BehaviourRules.TimestampCoalescing,
                "a segment whose TCP header is longer than 20 bytes (timestamps included) is never coalesced",
                $"virtio_net_rsc_tcp_ctrl_check, {Source}"),

            // QEMU keeps chain->stat counters internally and exposes none to the guest.
            new(ExpectationRules.Statistics,
                "the RSC chain's counters (chain->stat) are internal; the guest is given no NDIS counters",
                $"VirtioNetRscStat, {Source}"),
        };
        if (!rscInfoNegotiated)
        {
            const string noRscExt = "without VIRTIO_NET_F_RSC_EXT negotiated QEMU does not coalesce for the guest and writes no RSC_INFO";
            excuses.Add(new(OracleRules.RscInfo, noRscExt, $"virtio_net_rsc_receive, {Source}"));
            excuses.Add(new(ExpectationRules.RscCounts, noRscExt, $"virtio_net_rsc_receive, {Source}"));
        }
        return DeviceCapabilities.Full.Excusing(excuses);
    }
}
