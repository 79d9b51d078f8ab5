using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>E: the ECN field and ECE/CWR are identical between merged neighbours.</summary>
internal sealed class EcnChangeRule() : StepRule(MergeBreaks.EcnChange, OracleRules.EcnChange, "E", "The ECN field and ECE/CWR are identical between merged neighbours.")
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} with {Ecn(step.Segment)} after {step.Previous!.Describe()} with {Ecn(step.Previous)}";

    protected override IReadOnlyList<int> SentFrames(UnitView unit, UnitStep step) => [step.Previous!.Index, step.Segment.Index];

    private static string Ecn(Internal.SentInfo segment) => $"ECN {segment.Packet.Ecn}, ECE/CWR [{segment.Packet.Flags & (TcpFlags.Ece | TcpFlags.Cwr)}]";
}
