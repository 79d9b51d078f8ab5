using Rsc.Harness.Oracle.Internal;
namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// One segment joining a unit, with the unit's state just before it as R keeps it (H.NXT, H.ACK,
/// H.WND, the duplicate ACKs absorbed, the latest timestamp) and what the merge breaks.
/// </summary>
/// <param name="Segment">The segment.</param>
/// <param name="Previous">The segment before it in the unit; null for the first.</param>
/// <param name="NextSeqBefore">H.NXT: where the unit's data ended.</param>
/// <param name="UnitAckBefore">H.ACK: the unit's ACK number.</param>
/// <param name="DupAcksBefore">Duplicate ACKs the unit had absorbed.</param>
/// <param name="LatestTimestampBefore">The segment with the largest TSval so far, if any carried one.</param>
/// <param name="Breaks">What merging this segment breaks.</param>
/// <param name="MustBreaksThrough">MUST-level breaks of this step and every step before it.</param>
internal readonly record struct UnitStep(
    SentInfo Segment,
    SentInfo? Previous,
    uint NextSeqBefore,
    uint UnitAckBefore,
    int DupAcksBefore,
    SentInfo? LatestTimestampBefore,
    MergeBreaks Breaks,
    int MustBreaksThrough)
{
    public bool Has(MergeBreaks fact) => (Breaks & fact) != 0;
}
