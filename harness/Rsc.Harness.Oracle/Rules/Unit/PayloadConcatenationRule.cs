namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit's payload is its segments' payloads in order.</summary>
internal sealed class PayloadConcatenationRule() : FrameRule(OracleRules.PayloadConcatenation, "R", "The unit's payload is its segments' payloads in order.")
{
    protected override string? Violation(UnitView unit) => unit.PayloadDifference < 0 ? null
        : $"guest frame {unit.Guest.Index}: payload ({unit.Guest.PayloadLength} bytes) is not the concatenation of the merged segments' payloads ({unit.Unit.PayloadSum} bytes); first difference at byte {unit.PayloadDifference}";
}
