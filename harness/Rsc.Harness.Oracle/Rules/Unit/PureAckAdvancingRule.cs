namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: an absorbed pure ACK acknowledges the same number as the unit; an advancing one is delivered alone.</summary>
internal sealed class PureAckAdvancingRule() : StepRule(MergeBreaks.AdvancingAck, OracleRules.PureAckAdvancing, "R", "An absorbed pure ACK acknowledges the same number as the unit; an advancing pure ACK is delivered alone.")
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} absorbs pure ACK {step.Segment.Describe()} whose ACK {step.Segment.Packet.Ack} differs from the unit's {step.UnitAckBefore}; only window updates and duplicate ACKs may be absorbed";
}
