using Rsc.Harness.Core;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>
/// VS: gso_type is NONE on a single frame; TCPV4/TCPV6 (by IP version, ECN bit allowed) on a
/// coalesced data unit; NONE or the TCP type on a unit of pure ACKs, which has no payload to segment.
/// </summary>
internal sealed class GsoTypeRule() : UnitRule(OracleRules.GsoType, RequirementLevel.Must, "VS",
    "gso_type is TCPV4/TCPV6 (by IP version) on a coalesced data unit, NONE on a single frame.", UnitShape.Any)
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var header = unit.Header;
        if (!unit.Unit.IsCoalesced)
        {
            if (header.GsoType != VirtioGsoType.None)
            {
                report.Add(this, $"guest frame {unit.Guest.Index} carries one sent frame, expected gso_type NONE; observed {header.GsoType} (gso_size {header.GsoSize})");
            }
            return;
        }
        if (unit.Unit.DataSegments > 0 && unit.BaseGsoType != unit.TcpGsoType)
        {
            report.Add(this, $"guest frame {unit.Guest.Index} coalesces data, expected gso_type {unit.TcpGsoType}; observed {header.GsoType}");
        }
        else if (unit.Unit.DataSegments == 0 && unit.BaseGsoType != VirtioGsoType.None && unit.BaseGsoType != unit.TcpGsoType)
        {
            report.Add(this, $"guest frame {unit.Guest.Index} coalesces pure ACKs, expected gso_type NONE or {unit.TcpGsoType}; observed {header.GsoType}");
        }
    }
}
