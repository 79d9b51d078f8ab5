using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R (SHOULD): a duplicate ACK after data starts a new unit rather than joining the data's.</summary>
internal sealed class DupAckInDataUnitRule() : UnitRule(OracleRules.DupAckInDataUnit, RequirementLevel.Should, "R",
    "A duplicate ACK after data starts a new unit rather than joining the data's.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.DupAckAfterData))
            {
                report.Add(this,
                    $"guest frame {unit.Guest.Index} absorbs duplicate ACK {step.Segment.Describe()} into a unit holding data; it should start a new unit",
                    [step.Segment.Index]);
            }
        }
    }
}
