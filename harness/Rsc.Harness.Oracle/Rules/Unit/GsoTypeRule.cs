using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>VS: gso_type is NONE on a single frame; TCPV4/TCPV6 (by IP version, ECN bit allowed) on a
/// coalesced data unit; NONE or the TCP type on a unit of pure ACKs, which has no payload to segment.</summary>
internal sealed class GsoTypeRule() : FrameRule(OracleRules.GsoType, "VS", "gso_type is TCPV4/TCPV6 (by IP version) on a coalesced data unit, NONE on a single frame.", shape: UnitShape.Any)
{
    protected override string? Violation(UnitView unit) => unit switch
    {
        { Unit.IsCoalesced: false } when unit.Header.GsoType != VirtioGsoType.None =>
            $"guest frame {unit.Guest.Index} carries one sent frame, expected gso_type NONE; observed {unit.Header.GsoType} (gso_size {unit.Header.GsoSize})",
        { Unit.IsCoalesced: true, Unit.DataSegments: > 0 } when unit.BaseGsoType != unit.TcpGsoType =>
            $"guest frame {unit.Guest.Index} coalesces data, expected gso_type {unit.TcpGsoType}; observed {unit.Header.GsoType}",
        { Unit.IsCoalesced: true, Unit.DataSegments: 0 } when unit.BaseGsoType != VirtioGsoType.None && unit.BaseGsoType != unit.TcpGsoType =>
            $"guest frame {unit.Guest.Index} coalesces pure ACKs, expected gso_type NONE or {unit.TcpGsoType}; observed {unit.Header.GsoType}",
        _ => null,
    };
}
