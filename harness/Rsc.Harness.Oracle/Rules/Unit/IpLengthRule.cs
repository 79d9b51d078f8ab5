namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the IP length field matches the coalesced frame (not judged past the size limit).</summary>
internal sealed class IpLengthRule() : FrameRule(OracleRules.IpLength, "IPH", "The IP length field matches the coalesced frame.")
{
    protected override string? Violation(UnitView unit) => unit.Oversized || !unit.LengthFieldWrong ? null
        : $"guest frame {unit.Guest.Index}: IP length field says a {unit.Delivered.IpDatagramLength}-byte datagram, the frame holds {unit.Guest.DatagramBytes} bytes";
}
