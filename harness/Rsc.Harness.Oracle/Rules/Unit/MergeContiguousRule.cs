using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: a merged data segment starts where the unit's data ends (SEG.SEQ == H.NXT).</summary>
internal sealed class MergeContiguousRule() : UnitRule(OracleRules.MergeContiguous, RequirementLevel.Must, "R",
    "A merged data segment starts where the unit's data ends (SEG.SEQ == H.NXT).")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.NotContiguous))
            {
                report.Add(this,
                    $"guest frame {unit.Guest.Index} merges {step.Segment.Describe()} whose seq {step.Segment.Packet.Seq} is not where the unit's data ends (H.NXT {step.NextSeqBefore})",
                    [step.Previous!.Index, step.Segment.Index]);
            }
        }
    }
}
