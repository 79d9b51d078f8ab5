namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: with RSC_INFO, csum_start is the number of data segments merged.</summary>
internal sealed class SegmentCountRule() : FrameRule(OracleRules.SegmentCount, "VS", "csum_start (with RSC_INFO) is the number of data segments merged.")
{
    protected override string? Violation(UnitView unit) => !unit.Header.HasRscInfo || unit.Header.CsumStart == unit.Unit.DataSegments ? null
        : $"guest frame {unit.Guest.Index}: RSC segment count (csum_start) expected {unit.Unit.DataSegments} data segments, observed {unit.Header.CsumStart}";
}
