using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: a coalesced frame carries no TCP option other than NOP/EOL and timestamps.</summary>
internal sealed class TcpOptionsRule() : UnitRule(OracleRules.TcpOptions, RequirementLevel.Must, "R",
    "A coalesced frame carries no TCP option other than NOP/EOL and timestamps.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (!unit.Guest.OnlyTimestampOptions)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: expected only the timestamp option (or none), observed {FrameDiff.OptionsText(unit.Delivered)}");
        }
    }
}
