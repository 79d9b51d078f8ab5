using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit's sequence number is its first segment's.</summary>
internal sealed class SeqFirstRule() : UnitRule(OracleRules.SeqFirst, RequirementLevel.Must, "R",
    "The unit's sequence number is its first segment's.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var first = unit.Unit.First;
        if (unit.Delivered.Seq != first.Packet.Seq)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: seq expected {first.Packet.Seq} (first segment, sent {first.Index}), observed {unit.Delivered.Seq}");
        }
    }
}
