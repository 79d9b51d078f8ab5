using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the unit's TTL / hop limit is the minimum of its segments'.</summary>
internal sealed class TtlMinimumRule() : UnitRule(OracleRules.TtlMinimum, RequirementLevel.Must, "IPH",
    "The unit's TTL / hop limit is the minimum of its segments'.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (unit.Delivered.TtlOrHopLimit != unit.Unit.MinTtl)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: {(unit.Unit.IsV4 ? "TTL" : "hop limit")} expected {unit.Unit.MinTtl} (minimum of the merged segments), observed {unit.Delivered.TtlOrHopLimit}");
        }
    }
}
