namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IND: the coalesced frame's TCP checksum is valid, or NEEDS_CSUM says it was not computed (not judged past the size limit).</summary>
internal sealed class TcpChecksumRule() : FrameRule(OracleRules.TcpChecksum, "IND", "The coalesced frame's TCP checksum is valid, or the virtio header says it was not computed (NEEDS_CSUM).")
{
    protected override string? Violation(UnitView unit) => unit.Oversized || unit.Header.NeedsChecksum || unit.Delivered.TcpChecksumValid ? null
        : $"guest frame {unit.Guest.Index}: TCP checksum is not valid and the virtio header does not say NEEDS_CSUM";
}
