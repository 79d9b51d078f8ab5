using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>R: the unit's ACK number and window are its last segment's.</summary>
internal sealed class AckWindowLastRule() : UnitRule(OracleRules.AckWindowLast, RequirementLevel.Must, "R",
    "The unit's ACK number and window are its last segment's.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var last = unit.Unit.Last;
        if (unit.Delivered.Ack != last.Packet.Ack || unit.Delivered.Window != last.Packet.Window)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: ACK/window expected {last.Packet.Ack}/{last.Packet.Window} (last segment, sent {last.Index}), observed {unit.Delivered.Ack}/{unit.Delivered.Window}");
        }
    }
}
