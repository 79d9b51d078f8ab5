using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: a frame holding one sent frame carries no RSC_INFO (never excused with VS.rsc-info).</summary>
internal sealed class RscInfoOnSingleRule() : UnitRule(OracleRules.RscInfoOnSingle, RequirementLevel.Must, "VS",
    "A frame holding one sent frame carries no RSC_INFO.", UnitShape.Single)
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var header = unit.Header;
        if (header.HasRscInfo)
        {
            report.Add(this, $"guest frame {unit.Guest.Index} carries one sent frame, expected no RSC_INFO; observed RSC_INFO (segments={header.CsumStart}, dupAcks={header.CsumOffset})");
        }
    }
}
