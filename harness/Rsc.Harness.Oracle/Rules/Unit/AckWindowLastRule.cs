namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit's ACK number and window are its last segment's.</summary>
internal sealed class AckWindowLastRule() : FrameRule(OracleRules.AckWindowLast, "R", "The unit's ACK number and window are its last segment's.")
{
    protected override string? Violation(UnitView unit) => unit.Delivered.Ack == unit.Unit.Last.Packet.Ack && unit.Delivered.Window == unit.Unit.Last.Packet.Window ? null
        : $"guest frame {unit.Guest.Index}: ACK/window expected {unit.Unit.Last.Packet.Ack}/{unit.Unit.Last.Packet.Window} (last segment, sent {unit.Unit.Last.Index}), observed {unit.Delivered.Ack}/{unit.Delivered.Window}";
}
