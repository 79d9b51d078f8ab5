namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: with RSC_INFO, csum_offset is the number of duplicate ACKs absorbed.</summary>
internal sealed class DupAckCountRule() : FrameRule(OracleRules.DupAckCount, "VS", "csum_offset (with RSC_INFO) is the number of duplicate ACKs absorbed.")
{
    protected override string? Violation(UnitView unit) => !unit.Header.HasRscInfo || unit.Header.CsumOffset == unit.Unit.DupAcks ? null
        : $"guest frame {unit.Guest.Index}: RSC dup-ACK count (csum_offset) expected {unit.Unit.DupAcks}, observed {unit.Header.CsumOffset}";
}
