using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Oracle.Internal.Units;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: IP version, addresses, DSCP, DF and the IPv6 flow label are identical among merged segments.</summary>
internal sealed class IdenticalFieldsRule() : UnitRule(OracleRules.IdenticalFields, RequirementLevel.Must, "IPH",
    "IP version, addresses, DSCP, DF and the IPv6 flow label are identical among merged segments.")
{
    public override void Check(UnitView unit, UnitReport report)
    {
        var first = unit.Unit.First;
        foreach (var step in unit.Unit.Steps)
        {
            if (step.Has(MergeBreaks.FieldsDiffer))
            {
                report.Add(this,
                    $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} whose header differs from the first segment's (first/this: {string.Join(", ", Differences(first.Packet, step.Segment.Packet))})",
                    [first.Index, step.Segment.Index]);
            }
        }
    }

    private static List<string> Differences(ParsedPacket first, ParsedPacket packet)
    {
        var differ = new List<string>();
        if (packet.IpVersion != first.IpVersion) differ.Add($"IP version {first.IpVersion}/{packet.IpVersion}");
        if (!packet.SourceAddress.AsSpan().SequenceEqual(first.SourceAddress) || !packet.DestinationAddress.AsSpan().SequenceEqual(first.DestinationAddress)) differ.Add("addresses");
        if (packet.Dscp != first.Dscp) differ.Add($"DSCP {first.Dscp}/{packet.Dscp}");
        if (packet.DontFragment != first.DontFragment) differ.Add($"DF {first.DontFragment}/{packet.DontFragment}");
        if (packet.FlowLabel != first.FlowLabel) differ.Add($"flow label {first.FlowLabel}/{packet.FlowLabel}");
        return differ;
    }
}
