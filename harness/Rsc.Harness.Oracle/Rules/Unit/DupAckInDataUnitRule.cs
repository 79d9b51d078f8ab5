using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R (SHOULD): a duplicate ACK after data starts a new unit rather than joining the data's.</summary>
internal sealed class DupAckInDataUnitRule() : StepRule(MergeBreaks.DupAckAfterData, OracleRules.DupAckInDataUnit, "R", "A duplicate ACK after data starts a new unit rather than joining the data's.", RequirementLevel.Should)
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} absorbs duplicate ACK {step.Segment.Describe()} into a unit holding data; it should start a new unit";
}
