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
        // Conservation and order.
        Must(OracleRules.Lost, "CONS", "Every sent frame reaches the guest: none is lost."),
        Must(OracleRules.Duplicate, "CONS", "No sent frame (or unit) reaches the guest twice."),
        Must(OracleRules.Unexpected, "CONS", "Every guest frame is made of frames that were sent."),
        Must(OracleRules.Modified, "CONS", "A frame delivered alone is byte for byte the frame sent."),
        Must(OracleRules.SegmentSplit, "CONS", "A guest frame's byte range never cuts through a sent segment."),
        Must(OracleRules.ByteStream, "CONS", "A flow's payload bytes, in delivery order, are the bytes sent."),
        Must(OracleRules.FlowOrder, "ORDER", "Within a flow, units are delivered in the order their segments were sent."),

        // Merge legality.
        Must(OracleRules.ExceptionMerged, "E", "A segment that may never be coalesced (SYN/FIN/RST/URG, options other than NOP/EOL/timestamps, IPv4 options, IPv6 extension headers, fragments, bad IP or TCP checksum) is never merged."),
        Must(OracleRules.FinMerged, "E", "A segment carrying FIN is never merged into a unit (an exception of E, reported on its own so it can be told apart)."),
        Must(OracleRules.OptionsMerged, "E", "Segments carrying TCP options other than NOP/EOL/timestamps are never merged, even when the options are identical."),
        Must(OracleRules.EcnChange, "E", "The ECN field and ECE/CWR are identical between merged neighbours."),
        Must(OracleRules.IdenticalFields, "IPH", "IP version, addresses, DSCP, DF and the IPv6 flow label are identical among merged segments."),
        Must(OracleRules.TimestampPresence, "R", "Merged segments agree on carrying the timestamp option."),
        Must(OracleRules.MergeContiguous, "R", "A merged data segment starts where the unit's data ends (SEG.SEQ == H.NXT)."),
        Must(OracleRules.DataAfterDupAck, "R", "No data joins a unit that has absorbed a duplicate ACK."),
        Must(OracleRules.PureAckAdvancing, "R", "An absorbed pure ACK acknowledges the same number as the unit; an advancing pure ACK is delivered alone."),
        Should(OracleRules.DupAckInDataUnit, "R", "A duplicate ACK after data starts a new unit rather than joining the data's."),
        Must(OracleRules.TimestampOrder, "R", "TSval never goes back (modulo 2^32) inside a unit."),
        Must(OracleRules.MaxDatagram, "IND", "A coalesced IPv4 datagram (IPv6 payload) is at most 65535 bytes."),

        // Header of a coalesced unit.
        Must(OracleRules.SeqFirst, "R", "The unit's sequence number is its first segment's."),
        Must(OracleRules.IpIdFirst, "IPH", "The unit's IPv4 ID is its first segment's."),
        Must(OracleRules.AckWindowLast, "R", "The unit's ACK number and window are its last segment's."),
        Must(OracleRules.TtlMinimum, "IPH", "The unit's TTL / hop limit is the minimum of its segments'."),
        Must(OracleRules.PshOr, "R", "PSH is set on the unit if any of its segments had it."),
        Must(OracleRules.Flags, "R", "Besides PSH, the unit's flags are ACK plus the ECE/CWR its segments share."),
        Must(OracleRules.TimestampLatest, "R", "The unit carries the timestamp option of its latest segment (largest TSval), and none if its segments had none."),
        Must(OracleRules.TcpOptions, "R", "A coalesced frame carries no TCP option other than NOP/EOL and timestamps."),
        Must(OracleRules.NoIpOptions, "IPH", "A coalesced frame has no IPv4 options or IPv6 extension headers."),
        Must(OracleRules.IpLength, "IPH", "The IP length field matches the coalesced frame."),
        Must(OracleRules.IpChecksum, "IPH", "The coalesced frame's IPv4 header checksum is valid."),
        Must(OracleRules.TcpChecksum, "IND", "The coalesced frame's TCP checksum is valid, or the virtio header says it was not computed (NEEDS_CSUM)."),
        Must(OracleRules.PayloadConcatenation, "R", "The unit's payload is its segments' payloads in order."),
        Must(OracleRules.HeaderFields, "IPH", "Ethernet header, DSCP, ECN, DF, flow label and fragment fields are the merged segments'."),

        // virtio header.
        Must(OracleRules.RscInfo, "VS", "A coalesced frame carries RSC_INFO (when the device reports RSC counts)."),
        Must(OracleRules.RscInfoOnSingle, "VS", "A frame holding one sent frame carries no RSC_INFO."),
        Must(OracleRules.GsoType, "VS", "gso_type is TCPV4/TCPV6 (by IP version) on a coalesced data unit, NONE on a single frame."),
        Must(OracleRules.NeedsCsum, "VS", "A coalesced data unit (any TCP gso_type) carries NEEDS_CSUM."),
        Must(OracleRules.GsoSize, "VS", "gso_size is nonzero and at most the largest merged payload."),
        Should(OracleRules.GsoSizeMss, "VS", "gso_size equals the largest merged payload (the MSS as seen)."),
        Must(OracleRules.SegmentCount, "VS", "csum_start (with RSC_INFO) is the number of data segments merged."),
        Must(OracleRules.DupAckCount, "VS", "csum_offset (with RSC_INFO) is the number of duplicate ACKs absorbed."),
        Must(OracleRules.DataValidBadChecksum, "VS", "DATA_VALID is never set on a frame whose checksum is bad or that merges a segment whose checksum was bad."),

        // Latency and statistics.
        Must(OracleRules.Latency, "SEED", "No segment is held longer than the drain interval (plus, on a real clock, the measured tolerance)."),
        Must(OracleRules.CoalescedPackets, "OID", "CoalescedPkts counts the data segments delivered inside coalesced units."),
        Must(OracleRules.CoalescedOctets, "OID", "CoalescedOctets counts the TCP payload bytes of those segments."),
        Must(OracleRules.CoalesceEvents, "OID", "CoalesceEvents counts the coalesced units delivered."),
        Info(OracleRules.NotSent, "HARNESS", "A planned frame the adapter never handed to the device is not judged."),
        Info(OracleRules.NotObserved, "HARNESS", "A rule the run could not observe (the guest side was not captured, e.g. a Windows adapter judged from its counters) is listed as not observed, never passed."),

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

    private static readonly Dictionary<string, RuleDescriptor> ById = Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>Every rule, grouped as listed above (conservation, legality, header, virtio, latency, statistics, expectations, behaviour).</summary>
    public static IReadOnlyList<RuleDescriptor> All => Rules;

    /// <summary>The rule with this id, or null when no rule has it.</summary>
    public static RuleDescriptor? Find(string id) => ById.GetValueOrDefault(id);

    public static bool Contains(string id) => ById.ContainsKey(id);

    private static RuleDescriptor Must(string id, string section, string text) => new(id, RequirementLevel.Must, text, section);

    private static RuleDescriptor Should(string id, string section, string text) => new(id, RequirementLevel.Should, text, section);

    private static RuleDescriptor AsStated(string id, string section, string text) => new(id, null, text, section);

    private static RuleDescriptor Info(string id, string section, string text) => new(id, RequirementLevel.Info, text, section);
}
