using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal;
using Rsc.Harness.Oracle.Rules.Unit;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// Every general rule of the oracle, in one place and in the order <c>rsc rules</c> and
/// testcases/rules.md list them: conservation and order, merge legality, the header of a coalesced
/// unit, the virtio header, latency and statistics. The unit rules are judged over every aligned
/// guest frame in this order; <see cref="RuleCatalog"/> takes its general entries from here.
/// </summary>
internal static class GeneralRules
{
    // Conservation and order (interpretation.md 1-2): judged over each flow's alignment (RunAligner).
    public static readonly RunRule Lost = Must(OracleRules.Lost, "CONS", "Every sent frame reaches the guest: none is lost.");
    public static readonly RunRule Duplicate = Must(OracleRules.Duplicate, "CONS", "No sent frame (or unit) reaches the guest twice.");
    public static readonly RunRule Unexpected = Must(OracleRules.Unexpected, "CONS", "Every guest frame is made of frames that were sent.");
    public static readonly RunRule SegmentSplit = Must(OracleRules.SegmentSplit, "CONS", "A guest frame's byte range never cuts through a sent segment.");
    public static readonly RunRule ByteStream = Must(OracleRules.ByteStream, "CONS", "A flow's payload bytes, in delivery order, are the bytes sent.");
    public static readonly RunRule FlowOrder = Must(OracleRules.FlowOrder, "ORDER", "Within a flow, units are delivered in the order their segments were sent.");

    // Latency (LatencyCheck), statistics (StatisticsCheck) and facts about the run (RscOracle).
    public static readonly RunRule Latency = Must(OracleRules.Latency, "SEED", "No segment is held longer than the drain interval (plus, on a real clock, the measured tolerance).");
    public static readonly RunRule CoalescedPackets = Must(OracleRules.CoalescedPackets, "OID", "CoalescedPkts counts the data segments delivered inside coalesced units.");
    public static readonly RunRule CoalescedOctets = Must(OracleRules.CoalescedOctets, "OID", "CoalescedOctets counts the TCP payload bytes of those segments.");
    public static readonly RunRule CoalesceEvents = Must(OracleRules.CoalesceEvents, "OID", "CoalesceEvents counts the coalesced units delivered.");
    public static readonly RunRule NotSent = new(OracleRules.NotSent, RequirementLevel.Info, "HARNESS", "A planned frame the adapter never handed to the device is not judged.");
    public static readonly RunRule NotObserved = new(OracleRules.NotObserved, RequirementLevel.Info, "HARNESS", "A rule the run could not observe (the guest side was not captured, e.g. a Windows adapter judged from its counters) is listed as not observed, never passed.");

    /// <summary>Every general rule, in catalogue order.</summary>
    public static IReadOnlyList<GeneralRule> All { get; } =
    [
        Lost,
        Duplicate,
        Unexpected,
        new ModifiedRule(),
        SegmentSplit,
        ByteStream,
        FlowOrder,

        // Merge legality (interpretation.md 3).
        new ExceptionMergedRule(ExceptionKind.Other, OracleRules.ExceptionMerged,
            "A segment that may never be coalesced (SYN/FIN/RST/URG, options other than NOP/EOL/timestamps, IPv4 options, IPv6 extension headers, fragments, bad IP or TCP checksum) is never merged."),
        new ExceptionMergedRule(ExceptionKind.Fin, OracleRules.FinMerged,
            "A segment carrying FIN is never merged into a unit (an exception of E, reported on its own so it can be told apart)."),
        new ExceptionMergedRule(ExceptionKind.Options, OracleRules.OptionsMerged,
            "Segments carrying TCP options other than NOP/EOL/timestamps are never merged, even when the options are identical."),
        new EcnChangeRule(),
        new IdenticalFieldsRule(),
        new TimestampPresenceRule(),
        new MergeContiguousRule(),
        new DataAfterDupAckRule(),
        new PureAckAdvancingRule(),
        new DupAckInDataUnitRule(),
        new TimestampOrderRule(),
        new MaxDatagramRule(),

        // Header of a coalesced unit (interpretation.md 4).
        new SeqFirstRule(),
        new IpIdFirstRule(),
        new AckWindowLastRule(),
        new TtlMinimumRule(),
        new PshOrRule(),
        new FlagsRule(),
        new TimestampLatestRule(),
        new TcpOptionsRule(),
        new NoIpOptionsRule(),
        new IpLengthRule(),
        new IpChecksumRule(),
        new TcpChecksumRule(),
        new PayloadConcatenationRule(),
        new HeaderFieldsRule(),

        // virtio header (interpretation.md 5).
        new RscInfoRule(),
        new RscInfoOnSingleRule(),
        new GsoTypeRule(),
        new NeedsCsumRule(),
        new GsoSizeRule(),
        new GsoSizeMssRule(),
        new SegmentCountRule(),
        new DupAckCountRule(),
        new DataValidBadChecksumRule(),

        Latency,
        CoalescedPackets,
        CoalescedOctets,
        CoalesceEvents,
        NotSent,
        NotObserved,
    ];

    /// <summary>The rules judged over each aligned unit, in catalogue order.</summary>
    public static IReadOnlyList<UnitRule> UnitRules { get; } = [.. All.OfType<UnitRule>()];

    private static RunRule Must(string id, string section, string text) => new(id, RequirementLevel.Must, section, text);
}
