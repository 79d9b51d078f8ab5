using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: besides PSH, the unit's flags are ACK plus the ECE/CWR its segments share.</summary>
internal sealed class FlagsRule() : UnitRule(OracleRules.Flags, RequirementLevel.Must, "R",
    "Besides PSH, the unit's flags are ACK plus the ECE/CWR its segments share.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (unit.FlagsContradict)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: TCP flags besides PSH expected [{unit.ExpectedFlags}], observed [{unit.ObservedFlags}]");
        }
    }
}
