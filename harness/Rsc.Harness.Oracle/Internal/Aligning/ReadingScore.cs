using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Oracle.Internal.Aligning;

/// <summary>
/// How badly one reading (a guest frame read as one run of sent frames) explains the frame: a
/// penalty, lower is better, and how many header fields that pin a run contradict it. It looks at
/// the frame and the run's facts only, never at the rules' findings; the README of this project
/// ("How a reading is scored") lists every term. Together with lost frames and stray guest frames
/// (<see cref="LostWeight"/>, <see cref="StrayWeight"/>) it is what the flow's search minimises.
/// </summary>
/// <param name="Penalty">The weighted sum of the terms below.</param>
/// <param name="Contradictions">Identity fields the frame contradicts (an altered copy counts once).</param>
internal readonly record struct ReadingScore(int Penalty, int Contradictions)
{
    /// <summary>A sent frame no guest frame delivers.</summary>
    public const int LostWeight = 1000;

    /// <summary>A guest frame no run explains: more than a lost frame plus a contradiction, so a slightly wrong frame is still recognised as the run it delivers.</summary>
    public const int StrayWeight = 2500;

    /// <summary>
    /// A field the rules pin to one segment of the run, or the frame's own account of the run, that
    /// says otherwise: more than a lost frame, so a frame that matches a shorter run exactly is not
    /// stretched over a frame that was simply lost.
    /// </summary>
    public const int ContradictionWeight = 1500;

    /// <summary>A frame read as one sent frame whose bytes differ: more than a stray frame, less than a stray plus a lost one.</summary>
    public const int AlteredCopyWeight = 3000;

    /// <summary>
    /// A merge fact broken by a pure ACK that only the reading puts at the run's edge (nothing in the
    /// frame pins it there): that the ACK was lost is likelier than that it was merged illegally.
    /// </summary>
    public const int ImplausibleEdgeWeight = 1500;

    /// <summary>A merge fact a MUST forbids, or a derived field that differs, inside what the frame pins: the device misbehaved recognisably.</summary>
    public const int DeviationWeight = 10;

    /// <summary>A SHOULD not met: only breaks ties.</summary>
    public const int SoftDeviationWeight = 1;

    /// <summary>Scores reading <paramref name="reading"/>.</summary>
    public static ReadingScore Of(UnitView reading) => reading.Unit.IsCoalesced ? OfCoalesced(reading) : OfSingle(reading);

    /// <summary>A frame read as one sent frame must be that frame, unmarked.</summary>
    private static ReadingScore OfSingle(UnitView reading)
    {
        var header = reading.Header;
        bool altered = !reading.Unit.First.Frame.AsSpan().SequenceEqual(reading.Guest.Frame.Frame);
        int contradictions = Count(header.HasRscInfo) + Count(header.GsoType != VirtioGsoType.None);
        int deviations = Count(header.DataValid && reading.Guest.ChecksumsBad);
        return new ReadingScore(
            (contradictions * ContradictionWeight) + (altered ? AlteredCopyWeight : 0) + (deviations * DeviationWeight),
            contradictions + Count(altered));
    }

    private static ReadingScore OfCoalesced(UnitView reading)
    {
        var unit = reading.Unit;
        var delivered = reading.Delivered;
        var header = reading.Header;
        bool data = unit.DataSegments > 0;

        // Identity: what the rules pin to one segment, and the frame's own account of the run.
        int contradictions =
            Count(delivered.Seq != unit.First.Packet.Seq) +
            Count(unit.IsV4 && delivered.IpId != unit.First.Packet.IpId) +
            Count(delivered.Ack != unit.Last.Packet.Ack || delivered.Window != unit.Last.Packet.Window) +
            Count(reading.TimestampContradicts) +
            Count(reading.FlagsContradict) +
            Count(!header.HasRscInfo && reading.Settings.Capabilities.ExcuseFor(OracleRules.RscInfo) is null) +
            Count(header.HasRscInfo && header.CsumStart != unit.DataSegments) +
            Count(header.HasRscInfo && header.CsumOffset != unit.DupAcks) +
            Count(data
                ? reading.BaseGsoType != reading.TcpGsoType
                : reading.BaseGsoType != VirtioGsoType.None && reading.BaseGsoType != reading.TcpGsoType);

        // Conduct: fields derived from the run and properties every coalesced frame has.
        int deviations =
            Count(reading.Oversized) +
            Count(delivered.TtlOrHopLimit != unit.MinTtl) +
            Count(reading.DeliveredPsh != unit.Psh) +
            Count(!reading.Guest.OnlyTimestampOptions) +
            Count(delivered.HasIpv4Options || delivered.HasIpv6ExtensionHeaders) +
            Count(!reading.Oversized && reading.LengthFieldWrong) +
            Count(!reading.Oversized && unit.IsV4 && !delivered.IpChecksumValid) +
            Count(!reading.Oversized && !header.NeedsChecksum && !delivered.TcpChecksumValid) +
            Count(reading.PayloadDifference >= 0) +
            Count(reading.HeaderFieldDifferences.Count > 0) +
            Count(!header.NeedsChecksum && (data || reading.BaseGsoType != VirtioGsoType.None)) +
            Count(data && (header.GsoSize == 0 || header.GsoSize > unit.MaxPayload)) +
            Count(reading.DataValidOverBadChecksum);
        int softDeviations = Count(data && header.GsoSize != 0 && header.GsoSize < unit.MaxPayload) + unit.ShouldBreaks;

        // Merge facts: a pure ACK before the run's first data or after its last is only inferred to
        // belong to it; every other step is pinned by the frame's payload (or is its first segment).
        int edgeBreaks = unit.MustBreaksIn(1, unit.FirstDataStep) + unit.MustBreaksIn(Math.Max(unit.LastDataStep + 1, unit.FirstDataStep), unit.Count);
        int pinnedBreaks = unit.MustBreaks - edgeBreaks;

        return new ReadingScore(
            (contradictions * ContradictionWeight) + (edgeBreaks * ImplausibleEdgeWeight) +
            ((deviations + pinnedBreaks) * DeviationWeight) + (softDeviations * SoftDeviationWeight),
            contradictions);
    }

    private static int Count(bool fact) => fact ? 1 : 0;
}
