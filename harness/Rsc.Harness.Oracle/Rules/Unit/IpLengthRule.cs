using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: the IP length field matches the coalesced frame (not judged past the size limit).</summary>
internal sealed class IpLengthRule() : UnitRule(OracleRules.IpLength, RequirementLevel.Must, "IPH",
    "The IP length field matches the coalesced frame.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        if (!unit.Oversized && unit.LengthFieldWrong)
        {
            report.Add(this, $"guest frame {unit.Guest.Index}: IP length field says a {unit.Delivered.IpDatagramLength}-byte datagram, the frame holds {unit.Guest.DatagramBytes} bytes");
        }
    }
}
