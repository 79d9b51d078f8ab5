namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the coalesced frame's IPv4 header checksum is valid (not judged past the size limit).</summary>
internal sealed class IpChecksumRule() : FrameRule(OracleRules.IpChecksum, "IPH", "The coalesced frame's IPv4 header checksum is valid.")
{
    protected override string? Violation(UnitView unit) => unit.Oversized || !unit.Unit.IsV4 || unit.Delivered.IpChecksumValid ? null
        : $"guest frame {unit.Guest.Index}: IPv4 header checksum is not valid";
}
