namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IND: a coalesced IPv4 datagram (IPv6 payload) is at most 65535 bytes.</summary>
internal sealed class MaxDatagramRule() : FrameRule(OracleRules.MaxDatagram, "IND", "A coalesced IPv4 datagram (IPv6 payload) is at most 65535 bytes.")
{
    protected override string? Violation(UnitView unit) => !unit.Oversized ? null
        : $"guest frame {unit.Guest.Index} merges {unit.Unit.Count} segments into an IP {(unit.Unit.IsV4 ? "datagram" : "payload")} of {Math.Max(unit.CountedDatagram, unit.ObservedDatagram)} bytes; at most {unit.Settings.MaxIpDatagram} allowed";
}
