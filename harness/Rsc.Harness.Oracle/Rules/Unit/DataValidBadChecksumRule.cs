namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: DATA_VALID is never set on a frame whose checksum is bad or that merges a segment whose checksum was bad.</summary>
internal sealed class DataValidBadChecksumRule() : FrameRule(OracleRules.DataValidBadChecksum, "VS", "DATA_VALID is never set on a frame whose checksum is bad or that merges a segment whose checksum was bad.", shape: UnitShape.Any)
{
    protected override string? Violation(UnitView unit) => unit switch
    {
        { Unit.IsCoalesced: false } when unit.Header.DataValid && unit.Guest.ChecksumsBad =>
            $"guest frame {unit.Guest.Index} is marked DATA_VALID but its {unit.Guest.BadChecksums()} checksum is wrong",
        { Unit.IsCoalesced: true, DataValidOverBadChecksum: true } =>
            $"guest frame {unit.Guest.Index} is marked DATA_VALID but {(unit.Unit.AnyBadChecksum ? "a merged segment had a bad checksum" : "its own checksum is wrong")}",
        _ => null,
    };
}
