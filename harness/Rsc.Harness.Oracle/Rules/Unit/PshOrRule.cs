using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: PSH is set on the unit if any of its segments had it.</summary>
internal sealed class PshOrRule() : UnitRule(OracleRules.PshOr, RequirementLevel.Must, "R",
    "PSH is set on the unit if any of its segments had it.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        bool observed = (unit.Delivered.Flags & TcpFlags.Psh) != 0;
        if (observed != unit.Unit.Psh)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: PSH expected {(unit.Unit.Psh ? "set (a merged segment had it)" : "clear (no merged segment had it)")}, observed {(observed ? "set" : "clear")}");
        }
    }
}
