using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit's payload is its segments' payloads in order.</summary>
internal sealed class PayloadConcatenationRule() : UnitRule(OracleRules.PayloadConcatenation, RequirementLevel.Must, "R",
    "The unit's payload is its segments' payloads in order.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        long difference = unit.PayloadDifference;
        if (difference >= 0)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: payload ({unit.Guest.PayloadLength} bytes) is not the concatenation of the merged segments' payloads ({unit.Unit.PayloadSum} bytes); first difference at byte {difference}");
        }
    }
}
