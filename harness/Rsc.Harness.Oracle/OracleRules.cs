namespace Rsc.Harness.Oracle;

/// <summary>
/// Rule ids the oracle's general checks emit, prefixed by the source key of the rules digest
/// (CONS/ORDER: interpretation.md conservation and order; HARNESS: facts about the run itself).
/// </summary>
public static class OracleRules
{
    // Conservation and order (interpretation.md 1-2).
    public const string Lost = "CONS.lost";
    public const string Duplicate = "CONS.duplicate";
    public const string Unexpected = "CONS.unexpected";
    public const string Modified = "CONS.modified";
    public const string SegmentSplit = "CONS.segment-split";
    public const string ByteStream = "CONS.byte-stream";
    public const string FlowOrder = "ORDER.flow";

    // Merge legality (interpretation.md 3).
    public const string ExceptionMerged = "E.exception-merged";
    /// <summary>The exception merged is a FIN: reported apart so a device that merges FIN by design (GRO) can be excused for it alone.</summary>
    public const string FinMerged = "E.fin-merged";
    /// <summary>The exception merged is a TCP option other than NOP/EOL/timestamps.</summary>
    public const string OptionsMerged = "E.options-merged";
    public const string EcnChange = "E.ecn-change";
    public const string IdenticalFields = "IPH.identical-fields";
    public const string TimestampPresence = "R.timestamp-presence";
    public const string MergeContiguous = "R.merge-contiguous";
    public const string DataAfterDupAck = "R.data-after-dup-ack";
    public const string PureAckAdvancing = "R.pure-ack-advancing";
    /// <summary>SHOULD: a duplicate ACK after data starts a new unit.</summary>
    public const string DupAckInDataUnit = "R.dup-ack-in-data-unit";
    public const string TimestampOrder = "R.timestamp-order";
    public const string MaxDatagram = "IND.max-datagram";

    // Header of a coalesced unit (interpretation.md 4).
    public const string SeqFirst = "R.seq-first";
    public const string IpIdFirst = "IPH.ip-id-first";
    public const string AckWindowLast = "R.ack-window-last";
    public const string TtlMinimum = "IPH.ttl-minimum";
    public const string PshOr = "R.psh-or";
    public const string Flags = "R.flags";
    public const string TimestampLatest = "R.timestamp-latest";
    public const string TcpOptions = "R.tcp-options";
    public const string NoIpOptions = "IPH.no-options";
    public const string IpLength = "IPH.ip-length";
    public const string IpChecksum = "IPH.ip-checksum";
    public const string TcpChecksum = "IND.checksum";
    public const string PayloadConcatenation = "R.payload-concatenation";
    public const string HeaderFields = "IPH.header-fields";

    // virtio header (interpretation.md 5).
    public const string RscInfo = "VS.rsc-info";
    /// <summary>RSC_INFO on a frame that holds one sent frame (never excused with <see cref="RscInfo"/>).</summary>
    public const string RscInfoOnSingle = "VS.rsc-info-single";
    public const string GsoType = "VS.gso-type";
    public const string NeedsCsum = "VS.needs-csum";
    public const string GsoSize = "VS.gso-size";
    /// <summary>SHOULD: gso_size equals the largest merged payload (the MSS as seen).</summary>
    public const string GsoSizeMss = "VS.gso-size-mss";
    public const string SegmentCount = "VS.segment-count";
    public const string DupAckCount = "VS.dup-ack-count";
    public const string DataValidBadChecksum = "VS.data-valid-bad-checksum";

    // Latency (interpretation.md 6).
    public const string Latency = "SEED.latency";

    // Statistics (interpretation.md, Statistics).
    public const string CoalescedPackets = "OID.coalesced-pkts";
    public const string CoalescedOctets = "OID.coalesced-octets";
    public const string CoalesceEvents = "OID.coalesce-events";

    /// <summary>Info: a planned frame the adapter never handed to the device; it is not judged.</summary>
    public const string NotSent = "HARNESS.not-sent";

    /// <summary>A rule the run could not observe (no guest frames captured): listed, never passed.</summary>
    public const string NotObserved = "HARNESS.not-observed";
}
