using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the unit's IPv4 ID is its first segment's.</summary>
internal sealed class IpIdFirstRule() : UnitRule(OracleRules.IpIdFirst, RequirementLevel.Must, "IPH",
    "The unit's IPv4 ID is its first segment's.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var first = unit.Unit.First;
        if (unit.Unit.IsV4 && unit.Delivered.IpId != first.Packet.IpId)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: IP ID expected {first.Packet.IpId} (first segment, sent {first.Index}), observed {unit.Delivered.IpId}");
        }
    }
}
