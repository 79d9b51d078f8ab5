namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// Rules a case reports under when its requirement is one behaviour of NDIS RSC that other
/// coalescing engines (Linux GRO, QEMU, DPDK) may lack by design. Each is narrow on purpose: a
/// device profile excuses one behaviour, never "merging" as a whole.
/// </summary>
public static class BehaviourRules
{
    public const string WindowUpdateAbsorbed = "R.window-update-absorbed";
    public const string DupAckCoalesced = "R.dup-ack-coalesced";
    public const string TimestampCoalescing = "R.timestamp-coalescing";
    public const string Ipv6Coalescing = "R.ipv6-coalescing";
    public const string DrainTimer = "SEED.drain-timer";
    public const string ContinueAfterPsh = "R.continue-after-psh";
    public const string ContinueAfterShort = "R.continue-after-short";
    public const string MergeAcrossAckWindow = "R.merge-across-ack-window";
    public const string MergeAcrossTtl = "IPH.merge-across-ttl";
    public const string MergeAnyIpId = "IPH.merge-any-ip-id";
    public const string FlowCapacity = "PC.flow-capacity";
    public const string Ipv6MaxPayload = "IND.ipv6-max-payload";
}
