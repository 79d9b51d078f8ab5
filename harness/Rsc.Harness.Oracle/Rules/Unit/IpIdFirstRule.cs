namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the unit's IPv4 ID is its first segment's.</summary>
internal sealed class IpIdFirstRule() : FrameRule(OracleRules.IpIdFirst, "IPH", "The unit's IPv4 ID is its first segment's.")
{
    protected override string? Violation(UnitView unit) => !unit.Unit.IsV4 || unit.Delivered.IpId == unit.Unit.First.Packet.IpId ? null
        : $"guest frame {unit.Guest.Index}: IP ID expected {unit.Unit.First.Packet.IpId} (first segment, sent {unit.Unit.First.Index}), observed {unit.Delivered.IpId}";
}
