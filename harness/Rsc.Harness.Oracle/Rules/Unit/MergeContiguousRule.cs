namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: a merged data segment starts where the unit's data ends (SEG.SEQ == H.NXT).</summary>
internal sealed class MergeContiguousRule() : StepRule(MergeBreaks.NotContiguous, OracleRules.MergeContiguous, "R", "A merged data segment starts where the unit's data ends (SEG.SEQ == H.NXT).")
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} merges {step.Segment.Describe()} whose seq {step.Segment.Packet.Seq} is not where the unit's data ends (H.NXT {step.NextSeqBefore})";

    protected override IReadOnlyList<int> SentFrames(UnitView unit, UnitStep step) => [step.Previous!.Index, step.Segment.Index];
}
