using Rsc.Harness.Oracle.Internal;
namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// What makes merging one segment into a unit illegal (merge legality, interpretation.md 3), one bit
/// per fact. Decided once, when the unit's summary is built; the rules report them, the alignment
/// weighs them.
/// </summary>
[Flags]
internal enum MergeBreaks
{
    None = 0,

    /// <summary>The unit's first segment may never be coalesced; it counts at the step that merges it with the second.</summary>
    FirstIsException = 1 << 0,

    /// <summary>This segment may never be coalesced (E).</summary>
    IsException = 1 << 1,

    /// <summary>ECN, ECE or CWR differ from the previous segment's.</summary>
    EcnChange = 1 << 2,

    /// <summary>IP version, addresses, DSCP, DF or flow label differ from the first segment's.</summary>
    FieldsDiffer = 1 << 3,

    /// <summary>Carries the timestamp option where the first segment does not, or the reverse.</summary>
    TimestampPresence = 1 << 4,

    /// <summary>Data that does not start where the unit's data ends (SEG.SEQ != H.NXT).</summary>
    NotContiguous = 1 << 5,

    /// <summary>Data joining a unit that has absorbed a duplicate ACK.</summary>
    DataAfterDupAck = 1 << 6,

    /// <summary>A pure ACK whose ACK number differs from the unit's.</summary>
    AdvancingAck = 1 << 7,

    /// <summary>TSval before the latest TSval already in the unit (modulo 2^32).</summary>
    TimestampBack = 1 << 8,

    /// <summary>SHOULD: a duplicate ACK absorbed into a unit holding data.</summary>
    DupAckAfterData = 1 << 9,
}

internal static class MergeBreaksExtensions
{
    /// <summary>The SHOULD-level facts; every other fact breaks a MUST.</summary>
    public const MergeBreaks ShouldLevel = MergeBreaks.DupAckAfterData;

    public static int MustCount(this MergeBreaks breaks) => System.Numerics.BitOperations.PopCount((uint)(breaks & ~ShouldLevel));

    public static int ShouldCount(this MergeBreaks breaks) => System.Numerics.BitOperations.PopCount((uint)(breaks & ShouldLevel));
}
