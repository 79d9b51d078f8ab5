namespace Rsc.Harness.Oracle.Rules;

/// <summary>The rule ids the catalogue's expectations report under unless a case names another.</summary>
public static class ExpectationRules
{
    public const string MergedTogether = "R.merged-together";
    public const string DeliveredAlone = "R.delivered-alone";
    public const string NotMergedTogether = "R.not-merged-together";
    public const string GuestFrameCount = "R.guest-frame-count";
    public const string CoalescedFrameCount = "R.coalesced-frame-count";
    public const string RscCounts = "VS.rsc-counts";
    public const string DeliveredInOrder = "ORDER.delivered-in-order";
    public const string LatencyAtMost = "SEED.latency-at-most";
    public const string Statistics = "OID.statistics";
}
