using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Rules.Unit;

/// <summary>IPH: IP version, addresses, DSCP, DF and the IPv6 flow label are identical among merged segments.</summary>
internal sealed class IdenticalFieldsRule() : StepRule(MergeBreaks.FieldsDiffer, OracleRules.IdenticalFields, "IPH", "IP version, addresses, DSCP, DF and the IPv6 flow label are identical among merged segments.")
{
    protected override string Describe(UnitView unit, UnitStep step) =>
        $"guest frame {unit.Guest.Index} coalesces {step.Segment.Describe()} whose header differs from the first segment's (first/this: {string.Join(", ", Differences(unit.Unit.First.Packet, step.Segment.Packet))})";

    protected override IReadOnlyList<int> SentFrames(UnitView unit, UnitStep step) => [unit.Unit.First.Index, step.Segment.Index];

    private static IEnumerable<string> Differences(ParsedPacket first, ParsedPacket packet)
    {
        if (packet.IpVersion != first.IpVersion) yield return $"IP version {first.IpVersion}/{packet.IpVersion}";
        if (!packet.SourceAddress.AsSpan().SequenceEqual(first.SourceAddress) || !packet.DestinationAddress.AsSpan().SequenceEqual(first.DestinationAddress)) yield return "addresses";
        if (packet.Dscp != first.Dscp) yield return $"DSCP {first.Dscp}/{packet.Dscp}";
        if (packet.DontFragment != first.DontFragment) yield return $"DF {first.DontFragment}/{packet.DontFragment}";
        if (packet.FlowLabel != first.FlowLabel) yield return $"flow label {first.FlowLabel}/{packet.FlowLabel}";
    }
}
