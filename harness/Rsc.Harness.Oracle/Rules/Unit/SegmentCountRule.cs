using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: with RSC_INFO, csum_start is the number of data segments merged.</summary>
internal sealed class SegmentCountRule() : UnitRule(OracleRules.SegmentCount, RequirementLevel.Must, "VS",
    "csum_start (with RSC_INFO) is the number of data segments merged.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var header = unit.Header;
        if (header.HasRscInfo && header.CsumStart != unit.Unit.DataSegments)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: RSC segment count (csum_start) expected {unit.Unit.DataSegments} data segments, observed {header.CsumStart}");
        }
    }
}
