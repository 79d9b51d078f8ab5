using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// Every rule id a finding can carry: the oracle's general rules (<see cref="OracleRules"/>), the
/// default ids of the catalogue's expectations, and the behaviour rules cases report under so a
/// device's profile can excuse exactly one behaviour. <c>rsc rules</c> prints this list; the
/// catalogue's integrity tests check that every case and every device profile names only these.
/// </summary>
public static class RuleCatalog
{
    private static readonly RuleDescriptor[] Rules =
    [
        // The oracle's general rules, from their own objects.
        .. GeneralRules.All.Select(rule => rule.Descriptor),

        // Expectations' default ids and the ids cases give their own checks: a case states the level.
        AsStated(ExpectationRules.MergedTogether, "R", "The named segments are delivered inside one guest frame."),
        AsStated(ExpectationRules.DeliveredAlone, "E", "The named segment is delivered in a guest frame of its own."),
        AsStated(ExpectationRules.NotMergedTogether, "E", "The named segments end up in different guest frames."),
        AsStated(ExpectationRules.GuestFrameCount, "R", "The guest receives the stated number of frames."),
        AsStated(ExpectationRules.CoalescedFrameCount, "R", "The guest receives the stated number of coalesced frames."),
        AsStated(ExpectationRules.RscCounts, "VS", "The frame holding the named segment reports the stated RSC segment and duplicate-ACK counts."),
        AsStated(ExpectationRules.DeliveredInOrder, "ORDER", "The frame holding the earlier segment is delivered before the one holding the later."),
        AsStated(ExpectationRules.LatencyAtMost, "SEED", "Every segment reaches the guest within the stated time of being sent."),
        AsStated(ExpectationRules.Statistics, "OID", "The device exposes the NDIS counters and they equal the stated values."),
        AsStated("R.merge-in-order", "R", "Segments are merged in the order they were sent."),
        AsStated("R.window-update-window", "R", "The frame holding a window update advertises the updated window."),
        AsStated("IPH.timestamp-latest", "IPH", "The frame holding the named segment carries the latest timestamp option."),
        AsStated("IPH.hop-limit-minimum", "IPH", "The frame holding the named IPv6 segment carries the minimum hop limit."),
        AsStated("IPH.ack-of-last", "IPH", "The frame holding the named segment carries the last segment's ACK number."),
        AsStated("IPH.window-of-last", "IPH", "The frame holding the named segment carries the last segment's window."),

        // Behaviour rules: what an NDIS RSC device does that other coalescing engines may not; a
        // device profile excuses them one by one.
        AsStated(BehaviourRules.WindowUpdateAbsorbed, "R", "A window update (pure ACK, same ACK number, new window) is absorbed into the open unit, which takes the new window."),
        AsStated(BehaviourRules.DupAckCoalesced, "R", "Duplicate ACKs are absorbed into a unit and counted (R allows delivering each alone instead)."),
        AsStated(BehaviourRules.TimestampCoalescing, "R", "Segments carrying the timestamp option (TSval advancing) are merged."),
        AsStated(BehaviourRules.Ipv6Coalescing, "R", "IPv6 TCP flows are coalesced like IPv4 ones."),
        AsStated(BehaviourRules.DrainTimer, "SEED", "A timer-based device flushes everything it holds when its drain interval expires."),
        AsStated(BehaviourRules.ContinueAfterPsh, "R", "PSH does not end a unit: later in-order data joins it and PSH is OR-ed in."),
        AsStated(BehaviourRules.ContinueAfterShort, "R", "A segment shorter than the unit's MSS does not end the unit: later in-order data joins it."),
        AsStated(BehaviourRules.MergeAcrossAckWindow, "R", "Data segments whose ACK number or window differ are merged; the unit takes the last segment's."),
        AsStated(BehaviourRules.MergeAcrossTtl, "IPH", "Segments whose TTL / hop limit differ are merged; the unit takes the minimum."),
        AsStated(BehaviourRules.MergeAnyIpId, "IPH", "IPv4 segments are merged whatever their IP IDs; the unit takes the first segment's."),
        AsStated(BehaviourRules.FlowCapacity, "PC", "A unit can be open for each of 1,024 flows at the same time."),
        AsStated(BehaviourRules.Ipv6MaxPayload, "IND", "An IPv6 unit may grow to the largest payload length the 16-bit field holds (65535)."),
    ];

    private static readonly Dictionary<string, RuleDescriptor> ById = Rules.ToDictionary(rule => rule.Id, StringComparer.Ordinal);

    /// <summary>Every rule, grouped as listed above (conservation, legality, header, virtio, latency, statistics, expectations, behaviour).</summary>
    public static IReadOnlyList<RuleDescriptor> All => Rules;

    /// <summary>The rule with this id, or null when no rule has it.</summary>
    public static RuleDescriptor? Find(string id) => ById.GetValueOrDefault(id);

    public static bool Contains(string id) => ById.ContainsKey(id);

    private static RuleDescriptor AsStated(string id, string section, string text) => new(id, null, text, section);
}
