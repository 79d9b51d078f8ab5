namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: besides PSH, the unit's flags are ACK plus the ECE/CWR its segments share.</summary>
internal sealed class FlagsRule() : FrameRule(OracleRules.Flags, "R", "Besides PSH, the unit's flags are ACK plus the ECE/CWR its segments share.")
{
    protected override string? Violation(UnitView unit) => !unit.FlagsContradict ? null
        : $"guest frame {unit.Guest.Index}: TCP flags besides PSH expected [{unit.ExpectedFlags}], observed [{unit.ObservedFlags}]";
}
