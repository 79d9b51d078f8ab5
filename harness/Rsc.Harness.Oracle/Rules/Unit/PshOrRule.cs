namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: PSH is set on the unit if any of its segments had it.</summary>
internal sealed class PshOrRule() : FrameRule(OracleRules.PshOr, "R", "PSH is set on the unit if any of its segments had it.")
{
    protected override string? Violation(UnitView unit) => unit.DeliveredPsh == unit.Unit.Psh ? null
        : $"guest frame {unit.Guest.Index}: PSH expected {(unit.Unit.Psh ? "set (a merged segment had it)" : "clear (no merged segment had it)")}, observed {(unit.DeliveredPsh ? "set" : "clear")}";
}
