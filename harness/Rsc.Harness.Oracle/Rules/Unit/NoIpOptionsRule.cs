namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: a coalesced frame has no IPv4 options or IPv6 extension headers.</summary>
internal sealed class NoIpOptionsRule() : FrameRule(OracleRules.NoIpOptions, "IPH", "A coalesced frame has no IPv4 options or IPv6 extension headers.")
{
    protected override string? Violation(UnitView unit) => !unit.Delivered.HasIpv4Options && !unit.Delivered.HasIpv6ExtensionHeaders ? null
        : $"guest frame {unit.Guest.Index}: expected no IPv4 options or IPv6 extension headers (next header 6), observed {(unit.Delivered.HasIpv4Options ? $"IPv4 header of {unit.Delivered.IpHeaderLength} bytes" : $"next header {unit.Delivered.Ipv6FirstNextHeader}")}";
}
