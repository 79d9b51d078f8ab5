using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: no data joins a unit that has absorbed a duplicate ACK.</summary>
internal sealed class DataAfterDupAckRule() : UnitRule(OracleRules.DataAfterDupAck, RequirementLevel.Must, "R",
    "No data joins a unit that has absorbed a duplicate ACK.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.DataAfterDupAck))
            {
                report.Add(this,
                    $"guest frame {unit.Guest.Index} merges data {step.Segment.Describe()} into a unit that already absorbed {step.DupAcksBefore} duplicate ACK(s)",
                    [step.Segment.Index]);
            }
        }
    }
}
