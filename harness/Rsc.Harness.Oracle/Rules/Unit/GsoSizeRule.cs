using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: on a coalesced data unit gso_size is nonzero and at most the largest merged payload.</summary>
internal sealed class GsoSizeRule() : UnitRule(OracleRules.GsoSize, RequirementLevel.Must, "VS",
    "gso_size is nonzero and at most the largest merged payload.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        int gsoSize = unit.Header.GsoSize;
        if (unit.Unit.DataSegments > 0 && (gsoSize == 0 || gsoSize > unit.Unit.MaxPayload))
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: gso_size expected nonzero and at most {unit.Unit.MaxPayload} (largest merged payload), observed {gsoSize}");
        }
    }
}
