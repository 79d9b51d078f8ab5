using Rsc.Device.Net;
using Rsc.Device.Parsing;

namespace Rsc.Device.Coalescing;

/// <summary>
/// The strict reading of the coalescing rules (R, E, IPH) for a plain segment meeting its flow's
/// open unit. Pure: it only decides; the engine acts.
/// </summary>
internal static class JoinRules
{
    /// <summary>Hard ceiling when the size limit is deliberately broken, so buffers stay bounded.</summary>
    public const int BrokenSizeLimitCeiling = 2 * Wire.MaxIpDatagram;

    public static JoinDecision Decide(CoalescingUnit unit, scoped ref TcpSegmentView s, RscFault faults, int maxIpDatagram)
    {
        bool sameEcn = (unit.TrafficClass & 0x03) == (s.TrafficClass & 0x03)
            && unit.EcnEcho == (s.TcpFlags & TcpFlagBits.EcnEcho);
        if (!sameEcn && (faults & RscFault.MergeAcrossEcnChange) == 0)
        {
            return JoinDecision.Restart(RscCounter.FinalEcnChange, isAbort: true);
        }
        bool sameDscp = (unit.TrafficClass >> 2) == (s.TrafficClass >> 2) || (faults & RscFault.MergeAcrossDscpChange) != 0;
        bool sameHeader = sameDscp
            && unit.DontFragment == s.DontFragment
            && unit.FlowLabel == s.FlowLabel
            && unit.HasTimestamp == s.HasTimestamp;
        if (!sameHeader)
        {
            return JoinDecision.Restart(RscCounter.FinalHeaderChange, isAbort: true);
        }
        if (unit.HasTimestamp && (int)(s.TsVal - unit.TsVal) < 0)
        {
            return JoinDecision.Restart(RscCounter.FinalTimestamp, isAbort: true);
        }
        return s.PayloadLength > 0
            ? DecideData(unit, ref s, faults, maxIpDatagram)
            : DecidePureAck(unit, ref s, faults);
    }

    private static JoinDecision DecideData(CoalescingUnit unit, scoped ref TcpSegmentView s, RscFault faults, int maxIpDatagram)
    {
        if (unit.DataSegments == 0)
        {
            // Data never joins pure ACKs (in particular not after a duplicate ACK).
            return JoinDecision.Restart(RscCounter.FinalDataAfterAck, isAbort: true);
        }
        if ((faults & RscFault.WindowProbeDropsPayload) != 0 && s.Seq == unit.FirstSeq && s.Ack == unit.Ack && s.Window != unit.Window)
        {
            // Taken for a window update because it starts where the unit starts; its payload is lost.
            return JoinDecision.WindowUpdate;
        }
        if (s.Seq != unit.NextSeq && (faults & RscFault.MergeAcrossGap) == 0)
        {
            return JoinDecision.Alone(RscCounter.FinalOutOfOrder);
        }
        if ((int)(s.Ack - unit.Ack) < 0)
        {
            return JoinDecision.Restart(RscCounter.FinalAckBackwards, isAbort: true);
        }
        int limit = (faults & RscFault.GrowPast64K) != 0 ? BrokenSizeLimitCeiling : maxIpDatagram;
        // IPv6 limits its payload length field; the 40-byte fixed header lies outside it (RFC 8200).
        int limitedLength = unit.IsIpv6 ? unit.IpDatagramLength - Wire.Ipv6HeaderLength : unit.IpDatagramLength;
        if (limitedLength + s.PayloadLength > limit)
        {
            return JoinDecision.Restart(RscCounter.FinalSize, isAbort: false);
        }
        return JoinDecision.Append;
    }

    private static JoinDecision DecidePureAck(CoalescingUnit unit, scoped ref TcpSegmentView s, RscFault faults)
    {
        if (s.Seq != unit.NextSeq)
        {
            return JoinDecision.Alone(RscCounter.FinalOutOfOrder);
        }
        if (s.Ack != unit.Ack)
        {
            if ((faults & RscFault.PureAcksAsSegments) != 0 && unit.DataSegments > 0 && (int)(s.Ack - unit.Ack) > 0)
            {
                return JoinDecision.AsDataSegment;
            }
            return JoinDecision.Restart(RscCounter.FinalPureAck, isAbort: true);
        }
        if (s.Window != unit.Window)
        {
            return JoinDecision.WindowUpdate;
        }
        if (unit.DataSegments > 0)
        {
            // After data the first duplicate opens a new unit, so the count is one less than the duplicates (R).
            return JoinDecision.Restart(RscCounter.FinalDupAck, isAbort: true);
        }
        return JoinDecision.DupAck;
    }
}
