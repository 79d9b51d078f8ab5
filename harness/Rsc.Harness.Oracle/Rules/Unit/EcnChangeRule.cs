using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>E: the ECN field and ECE/CWR are identical between merged neighbours.</summary>
internal sealed class EcnChangeRule() : UnitRule(OracleRules.EcnChange, RequirementLevel.Must, "E",
    "The ECN field and ECE/CWR are identical between merged neighbours.")
{
    private const TcpFlags EcnFlags = TcpFlags.Ece | TcpFlags.Cwr;

    public override void Check(UnitView unit, UnitReport report)
    {
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.EcnChange))
            {
                var packet = step.Segment.Packet;
                var previous = step.Previous!;
                report.Add(this,
                    $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} with ECN {packet.Ecn}, ECE/CWR [{packet.Flags & EcnFlags}] after {previous.Describe()} with ECN {previous.Packet.Ecn}, ECE/CWR [{previous.Packet.Flags & EcnFlags}]",
                    [previous.Index, step.Segment.Index]);
            }
        }
    }
}
