using System.Buffers.Binary;
using Rsc.Device.Flows;
using Rsc.Device.Net;

namespace Rsc.Device.Parsing;

/// <summary>
/// Reads an Ethernet frame in place and decides whether it is a plain, coalescible TCP segment.
/// Every read is bounds-checked against the lengths the frame really has, so malformed input can
/// only ever produce a bypass verdict.
/// </summary>
internal static class SegmentParser
{
    private const int Ip = Wire.EthernetHeaderLength;

    public static TcpSegmentView Parse(ReadOnlySpan<byte> frame, RscFault faults)
    {
        var s = new TcpSegmentView { Frame = frame };
        if (frame.Length < Wire.EthernetHeaderLength)
        {
            NoFlow(ref s, RscCounter.BypassNotIp);
            return s;
        }
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        switch (etherType)
        {
            case Wire.EtherTypeIpv4:
                ParseIpv4(ref s, faults);
                break;
            case Wire.EtherTypeIpv6:
                ParseIpv6(ref s);
                break;
            default:
                NoFlow(ref s, RscCounter.BypassNotIp);
                break;
        }
        return s;
    }

    private static void ParseIpv4(ref TcpSegmentView s, RscFault faults)
    {
        var frame = s.Frame;
        if (frame.Length < Ip + Wire.Ipv4MinimumHeaderLength || frame[Ip] >> 4 != 4)
        {
            NoFlow(ref s, RscCounter.BypassMalformedIp);
            return;
        }
        int headerLength = (frame[Ip] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(Ip + 2)..]);
        if (headerLength < Wire.Ipv4MinimumHeaderLength || totalLength < headerLength || totalLength > frame.Length - Ip)
        {
            NoFlow(ref s, RscCounter.BypassMalformedIp);
            return;
        }
        s.IpHeaderLength = headerLength;
        s.IpEnd = Ip + totalLength;
        s.TrafficClass = frame[Ip + 1];
        s.IpId = BinaryPrimitives.ReadUInt16BigEndian(frame[(Ip + 4)..]);
        ushort flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(frame[(Ip + 6)..]);
        s.DontFragment = (flagsAndOffset & 0x4000) != 0;
        bool moreFragments = (flagsAndOffset & 0x2000) != 0;
        s.Ttl = frame[Ip + 8];
        if (frame[Ip + 9] != Wire.ProtocolTcp)
        {
            NoFlow(ref s, RscCounter.BypassNotTcp);
            return;
        }
        if ((flagsAndOffset & 0x1FFF) != 0)
        {
            // A later fragment carries no TCP header: it names no flow.
            NoFlow(ref s, RscCounter.BypassIpFragment);
            return;
        }
        s.TcpOffset = Ip + headerLength;
        if (!ReadTcpHeader(ref s))
        {
            return;
        }
        var addresses = frame.Slice(Ip + 12, 8);
        s.Flow = FlowKey.Ipv4(addresses, frame.Slice(s.TcpOffset, 4));
        if (moreFragments && (faults & RscFault.MergeFragments) == 0)
        {
            Exception(ref s, RscCounter.BypassIpFragment);
            return;
        }
        if (headerLength > Wire.Ipv4MinimumHeaderLength && (faults & RscFault.MergeIpv4Options) == 0)
        {
            Exception(ref s, RscCounter.BypassIpv4Options);
            return;
        }
        if (!ReadTcpOptionsAndFlags(ref s))
        {
            return;
        }
        if (!InternetChecksum.Verifies(InternetChecksum.Sum(frame.Slice(Ip, headerLength))) && (faults & RscFault.MergeBadChecksum) == 0)
        {
            Exception(ref s, RscCounter.BypassBadChecksum);
            return;
        }
        VerifyTcpChecksum(ref s, addresses);
    }

    private static void ParseIpv6(ref TcpSegmentView s)
    {
        var frame = s.Frame;
        if (frame.Length < Ip + Wire.Ipv6HeaderLength || frame[Ip] >> 4 != 6)
        {
            NoFlow(ref s, RscCounter.BypassMalformedIp);
            return;
        }
        uint first = BinaryPrimitives.ReadUInt32BigEndian(frame[Ip..]);
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(frame[(Ip + 4)..]);
        if (payloadLength > frame.Length - Ip - Wire.Ipv6HeaderLength)
        {
            NoFlow(ref s, RscCounter.BypassMalformedIp);
            return;
        }
        s.IpEnd = Ip + Wire.Ipv6HeaderLength + payloadLength;
        s.IsIpv6 = true;
        s.TrafficClass = (byte)(first >> 20);
        s.FlowLabel = first & 0xFFFFF;
        s.Ttl = frame[Ip + 7];

        // Walk extension headers only to find the flow: any of them prevents coalescing.
        byte next = frame[Ip + 6];
        int offset = Ip + Wire.Ipv6HeaderLength;
        bool extensions = false;
        bool fragment = false;
        while (IsIpv6ExtensionHeader(next))
        {
            extensions = true;
            if (offset + 8 > s.IpEnd)
            {
                NoFlow(ref s, RscCounter.BypassMalformedIp);
            return;
            }
            int length;
            if (next == 44)
            {
                fragment = true;
                length = 8;
                if (BinaryPrimitives.ReadUInt16BigEndian(frame[(offset + 2)..]) >> 3 != 0)
                {
                    NoFlow(ref s, RscCounter.BypassIpFragment);
            return;
                }
            }
            else if (next == 51)
            {
                length = (frame[offset + 1] + 2) * 4;
            }
            else
            {
                length = (frame[offset + 1] + 1) * 8;
            }
            next = frame[offset];
            offset += length;
            if (offset > s.IpEnd)
            {
                NoFlow(ref s, RscCounter.BypassMalformedIp);
            return;
            }
        }
        if (next != Wire.ProtocolTcp)
        {
            NoFlow(ref s, RscCounter.BypassNotTcp);
            return;
        }
        s.IpHeaderLength = offset - Ip;
        s.TcpOffset = offset;
        if (!ReadTcpHeader(ref s))
        {
            return;
        }
        var addresses = frame.Slice(Ip + 8, 32);
        s.Flow = FlowKey.Ipv6(addresses, frame.Slice(s.TcpOffset, 4));
        if (fragment)
        {
            Exception(ref s, RscCounter.BypassIpFragment);
            return;
        }
        if (extensions)
        {
            Exception(ref s, RscCounter.BypassIpv6ExtensionHeaders);
            return;
        }
        if (!ReadTcpOptionsAndFlags(ref s))
        {
            return;
        }
        VerifyTcpChecksum(ref s, addresses);
    }

    /// <summary>Hop-by-hop, routing, fragment, AH, destination options, mobility, HIP, shim6.</summary>
    private static bool IsIpv6ExtensionHeader(byte next) => next is 0 or 43 or 44 or 51 or 60 or 135 or 139 or 140;

    /// <summary>Reads the fixed TCP header; false (and a no-flow verdict) when it is not all there.</summary>
    private static bool ReadTcpHeader(ref TcpSegmentView s)
    {
        var frame = s.Frame;
        int tcp = s.TcpOffset;
        int available = s.IpEnd - tcp;
        if (available < Wire.TcpMinimumHeaderLength)
        {
            NoFlow(ref s, RscCounter.BypassMalformedTcp);
            return false;
        }
        int dataOffset = (frame[tcp + 12] >> 4) * 4;
        if (dataOffset < Wire.TcpMinimumHeaderLength || dataOffset > available)
        {
            NoFlow(ref s, RscCounter.BypassMalformedTcp);
            return false;
        }
        s.TcpHeaderLength = dataOffset;
        s.Seq = BinaryPrimitives.ReadUInt32BigEndian(frame[(tcp + 4)..]);
        s.Ack = BinaryPrimitives.ReadUInt32BigEndian(frame[(tcp + 8)..]);
        s.TcpFlags = frame[tcp + 13];
        s.Window = BinaryPrimitives.ReadUInt16BigEndian(frame[(tcp + 14)..]);
        return true;
    }

    /// <summary>Finds the timestamp option and rejects flags and options that may not be coalesced.</summary>
    private static bool ReadTcpOptionsAndFlags(ref TcpSegmentView s)
    {
        var frame = s.Frame;
        int o = s.TcpOffset + Wire.TcpMinimumHeaderLength;
        int end = s.TcpOffset + s.TcpHeaderLength;
        bool otherOptions = false;
        while (o < end)
        {
            byte kind = frame[o];
            if (kind == Wire.TcpOptionEnd)
            {
                break;
            }
            if (kind == Wire.TcpOptionNop)
            {
                o++;
                continue;
            }
            if (o + 1 >= end || frame[o + 1] < 2 || o + frame[o + 1] > end)
            {
                // Still a flow exception, not a no-flow bypass: the flow's unit must go first to keep order.
                Exception(ref s, RscCounter.BypassMalformedTcp);
                return false;
            }
            int length = frame[o + 1];
            if (kind == Wire.TcpOptionTimestamp && length == Wire.TcpTimestampOptionLength && s.TimestampOffset == 0)
            {
                s.TimestampOffset = o;
                s.TsVal = BinaryPrimitives.ReadUInt32BigEndian(frame[(o + 2)..]);
                s.TsEcr = BinaryPrimitives.ReadUInt32BigEndian(frame[(o + 6)..]);
            }
            else
            {
                otherOptions = true;
            }
            o += length;
        }
        byte flags = s.TcpFlags;
        bool controlFlags = (flags & TcpFlagBits.Control) != 0 || (flags & TcpFlagBits.Ack) == 0;
        // A segment without data is only absorbable as a pure ACK, which carries nothing but ACK/PSH.
        bool ecnOnEmptySegment = s.PayloadLength == 0 && (flags & TcpFlagBits.EcnEcho) != 0;
        if (controlFlags || ecnOnEmptySegment)
        {
            Exception(ref s, RscCounter.FinalTcpFlags);
            return false;
        }
        if (otherOptions)
        {
            Exception(ref s, RscCounter.BypassTcpOptions);
            return false;
        }
        return true;
    }

    /// <summary>Sums the pseudo-header and TCP header; the payload's share is left to <see cref="CompletePayloadChecksum"/>.</summary>
    private static void VerifyTcpChecksum(ref TcpSegmentView s, ReadOnlySpan<byte> addresses)
    {
        s.HeaderSum = InternetChecksum.PseudoHeaderAndTcpHeader(addresses, s.Frame.Slice(s.TcpOffset, s.TcpHeaderLength), s.IpEnd - s.TcpOffset);
        s.Verdict = FrameVerdict.ChecksumPending;
    }

    /// <summary>Sums the payload and completes the TCP checksum check (for segments whose payload is not copied in one pass).</summary>
    public static void VerifyPayloadChecksum(ref TcpSegmentView s, RscFault faults) => CompletePayloadChecksum(ref s, InternetChecksum.Sum(s.Payload), faults);

    /// <summary>Completes the TCP checksum check with the payload's partial sum: a candidate, or a bad-checksum exception.</summary>
    public static void CompletePayloadChecksum(ref TcpSegmentView s, uint payloadSum, RscFault faults)
    {
        if (!InternetChecksum.Verifies(InternetChecksum.Combine(s.HeaderSum, payloadSum)) && (faults & RscFault.MergeBadChecksum) == 0)
        {
            Exception(ref s, RscCounter.BypassBadChecksum);
            return;
        }
        s.PayloadSum = payloadSum;
        s.Verdict = FrameVerdict.Candidate;
    }

    private static void NoFlow(ref TcpSegmentView s, RscCounter reason)
    {
        s.Verdict = FrameVerdict.NoFlow;
        s.Reason = reason;
    }

    private static void Exception(ref TcpSegmentView s, RscCounter reason)
    {
        s.Verdict = FrameVerdict.Exception;
        s.Reason = reason;
    }
}
