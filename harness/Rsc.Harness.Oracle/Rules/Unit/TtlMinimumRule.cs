namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the unit's TTL / hop limit is the minimum of its segments'.</summary>
internal sealed class TtlMinimumRule() : FrameRule(OracleRules.TtlMinimum, "IPH", "The unit's TTL / hop limit is the minimum of its segments'.")
{
    protected override string? Violation(UnitView unit) => unit.Delivered.TtlOrHopLimit == unit.Unit.MinTtl ? null
        : $"guest frame {unit.Guest.Index}: {(unit.Unit.IsV4 ? "TTL" : "hop limit")} expected {unit.Unit.MinTtl} (minimum of the merged segments), observed {unit.Delivered.TtlOrHopLimit}";
}
