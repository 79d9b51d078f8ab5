using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: an absorbed pure ACK acknowledges the same number as the unit; an advancing one is delivered alone.</summary>
internal sealed class PureAckAdvancingRule() : UnitRule(OracleRules.PureAckAdvancing, RequirementLevel.Must, "R",
    "An absorbed pure ACK acknowledges the same number as the unit; an advancing pure ACK is delivered alone.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.AdvancingAck))
            {
                report.Add(this,
                    $"guest frame {unit.Guest.Index} absorbs pure ACK {step.Segment.Describe()} whose ACK {step.Segment.Packet.Ack} differs from the unit's {step.UnitAckBefore}; only window updates and duplicate ACKs may be absorbed",
                    [step.Segment.Index]);
            }
        }
    }
}
