using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS (SHOULD): gso_size equals the largest merged payload, the MSS as seen (out of range is VS.gso-size's MUST).</summary>
internal sealed class GsoSizeMssRule() : FrameRule(OracleRules.GsoSizeMss, "VS", "gso_size equals the largest merged payload (the MSS as seen).", RequirementLevel.Should)
{
    protected override string? Violation(UnitView unit) => unit.Unit.DataSegments == 0 || unit.Header.GsoSize == 0 || unit.Header.GsoSize >= unit.Unit.MaxPayload ? null
        : $"guest frame {unit.Guest.Index}: gso_size should be {unit.Unit.MaxPayload} (largest merged payload), observed {unit.Header.GsoSize}";
}
