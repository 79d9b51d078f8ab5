using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: a coalesced frame has no IPv4 options or IPv6 extension headers.</summary>
internal sealed class NoIpOptionsRule() : UnitRule(OracleRules.NoIpOptions, RequirementLevel.Must, "IPH",
    "A coalesced frame has no IPv4 options or IPv6 extension headers.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var delivered = unit.Delivered;
        if (delivered.HasIpv4Options || delivered.HasIpv6ExtensionHeaders)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: expected no IPv4 options or IPv6 extension headers (next header 6), observed {(delivered.HasIpv4Options ? $"IPv4 header of {delivered.IpHeaderLength} bytes" : $"next header {delivered.Ipv6FirstNextHeader}")}");
        }
    }
}
