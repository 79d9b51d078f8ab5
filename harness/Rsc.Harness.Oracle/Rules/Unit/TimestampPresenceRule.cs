using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: merged segments agree on carrying the timestamp option.</summary>
internal sealed class TimestampPresenceRule() : UnitRule(OracleRules.TimestampPresence, RequirementLevel.Must, "R",
    "Merged segments agree on carrying the timestamp option.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var first = unit.Unit.First;
        bool firstHas = first.Timestamp is not null;
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.TimestampPresence))
            {
                report.Add(this,
                    $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} {(firstHas ? "without" : "with")} a timestamp option into a unit whose first segment has {(firstHas ? "one" : "none")}",
                    [first.Index, step.Segment.Index]);
            }
        }
    }
}
