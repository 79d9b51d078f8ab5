using Rsc.Harness.Oracle.Internal;
namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// The facts of one run of consecutive sent frames of a flow read as one unit, computed once by
/// <see cref="UnitBuilder"/>: its steps (each segment with R's bookkeeping just before it and what
/// merging it breaks) and the totals the delivered header is judged against. Immutable.
/// </summary>
/// <param name="Flow">The flow's sent frames in send order; the unit is positions [<paramref name="Start"/>, <see cref="End"/>).</param>
/// <param name="Steps">One per segment, in send order (step 0 is the first segment).</param>
/// <param name="DataSegments">Segments carrying data.</param>
/// <param name="DupAcks">Duplicate ACKs absorbed.</param>
/// <param name="MinTtl">The smallest TTL / hop limit.</param>
/// <param name="Psh">PSH OR-ed over the segments.</param>
/// <param name="LatestTimestamp">The segment with the largest TSval (the later of equals); null when none carries the option.</param>
/// <param name="PayloadSum">Payload bytes of the data segments.</param>
/// <param name="MaxPayload">The largest data segment's payload: the MSS as seen.</param>
/// <param name="FirstDataStep">The first step carrying data; the step count when none does.</param>
/// <param name="LastDataStep">The last step carrying data; -1 when none does.</param>
/// <param name="HasExceptionFlags">A segment carries SYN, FIN, RST or URG.</param>
/// <param name="EcnChanges">ECN, ECE or CWR change somewhere inside the unit.</param>
/// <param name="FieldsDiffer">A segment's IP version, addresses, DSCP, DF or flow label differ from the first's.</param>
/// <param name="TimestampPresenceDiffers">Some segments carry the timestamp option and others do not.</param>
/// <param name="AnyBadChecksum">A segment's IPv4 header or TCP checksum is wrong.</param>
/// <param name="ShouldBreaks">SHOULD-level merge breaks over all steps.</param>
internal sealed record UnitSummary(
    IReadOnlyList<SentInfo> Flow,
    int Start,
    IReadOnlyList<UnitStep> Steps,
    int DataSegments,
    int DupAcks,
    byte MinTtl,
    bool Psh,
    SentInfo? LatestTimestamp,
    long PayloadSum,
    int MaxPayload,
    int FirstDataStep,
    int LastDataStep,
    bool HasExceptionFlags,
    bool EcnChanges,
    bool FieldsDiffer,
    bool TimestampPresenceDiffers,
    bool AnyBadChecksum,
    int ShouldBreaks)
{
    public int Count => Steps.Count;
    public int End => Start + Count;
    public SentInfo First => Steps[0].Segment;
    public SentInfo Last => Steps[Count - 1].Segment;

    /// <summary>More than one sent frame: the frame must say it was coalesced.</summary>
    public bool IsCoalesced => Count > 1;
    public bool IsV4 => First.Packet.IpVersion == 4;

    /// <summary>MUST-level merge breaks over all steps.</summary>
    public int MustBreaks => Steps[Count - 1].MustBreaksThrough;

    /// <summary>MUST-level merge breaks of steps [<paramref name="fromStep"/>, <paramref name="toStep"/>).</summary>
    public int MustBreaksIn(int fromStep, int toStep) =>
        toStep <= fromStep ? 0 : Steps[toStep - 1].MustBreaksThrough - (fromStep == 0 ? 0 : Steps[fromStep - 1].MustBreaksThrough);

    /// <summary>The data segments in send order.</summary>
    public IEnumerable<SentInfo> DataSegmentsInOrder => Steps.Select(step => step.Segment).Where(segment => segment.HasData);

    /// <summary>Sent indices of the unit, in send order.</summary>
    public int[] SentIndices() => [.. Steps.Select(step => step.Segment.Index)];

    /// <summary>The unit of flow positions [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static UnitSummary Of(IReadOnlyList<SentInfo> flow, int start, int end)
    {
        var builder = new UnitBuilder(flow, start);
        while (builder.End < end)
        {
            builder.Append();
        }
        return builder.Summary();
    }
}
