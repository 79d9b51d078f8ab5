namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: a frame holding one sent frame carries no RSC_INFO (never excused with VS.rsc-info).</summary>
internal sealed class RscInfoOnSingleRule() : FrameRule(OracleRules.RscInfoOnSingle, "VS", "A frame holding one sent frame carries no RSC_INFO.", shape: UnitShape.Single)
{
    protected override string? Violation(UnitView unit) => !unit.Header.HasRscInfo ? null
        : $"guest frame {unit.Guest.Index} carries one sent frame, expected no RSC_INFO; observed RSC_INFO (segments={unit.Header.CsumStart}, dupAcks={unit.Header.CsumOffset})";
}
