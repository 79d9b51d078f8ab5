namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit's sequence number is its first segment's.</summary>
internal sealed class SeqFirstRule() : FrameRule(OracleRules.SeqFirst, "R", "The unit's sequence number is its first segment's.")
{
    protected override string? Violation(UnitView unit) => unit.Delivered.Seq == unit.Unit.First.Packet.Seq ? null
        : $"guest frame {unit.Guest.Index}: seq expected {unit.Unit.First.Packet.Seq} (first segment, sent {unit.Unit.First.Index}), observed {unit.Delivered.Seq}";
}
