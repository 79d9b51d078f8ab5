namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: on a coalesced data unit gso_size is nonzero and at most the largest merged payload.</summary>
internal sealed class GsoSizeRule() : FrameRule(OracleRules.GsoSize, "VS", "gso_size is nonzero and at most the largest merged payload.")
{
    protected override string? Violation(UnitView unit) => unit.Unit.DataSegments == 0 || (unit.Header.GsoSize != 0 && unit.Header.GsoSize <= unit.Unit.MaxPayload) ? null
        : $"guest frame {unit.Guest.Index}: gso_size expected nonzero and at most {unit.Unit.MaxPayload} (largest merged payload), observed {unit.Header.GsoSize}";
}
