using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: TSval never goes back (modulo 2^32) inside a unit.</summary>
internal sealed class TimestampOrderRule() : UnitRule(OracleRules.TimestampOrder, RequirementLevel.Must, "R",
    "TSval never goes back (modulo 2^32) inside a unit.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.TimestampBack))
            {
                var latest = step.LatestTimestampBefore!;
                report.Add(this,
                    $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} with TSval {step.Segment.Timestamp!.Value.TsVal}, earlier than TSval {latest.Timestamp!.Value.TsVal} of sent {latest.Index} already in the unit",
                    [latest.Index, step.Segment.Index]);
            }
        }
    }
}
