using System.Buffers.Binary;
using Rsc.Device.Coalescing;
using Rsc.Device.Net;

namespace Rsc.Device.Delivery;

/// <summary>
/// Turns a coalesced unit's buffer into the frame and virtio header the guest receives (IPH, IND,
/// VS): lengths, TTL, ACK, window, flags, timestamp and checksums rewritten in place.
/// </summary>
internal static class CoalescedFrameBuilder
{
    private const int Ip = Wire.EthernetHeaderLength;

    /// <summary>Rewrites the headers and writes the virtio header; returns the delivery's length.</summary>
    public static int Build(CoalescingUnit unit, RscFault faults)
    {
        var buffer = unit.Buffer.AsSpan(0, CoalescingUnit.HeaderRoom + unit.DataEnd);
        var frame = buffer[CoalescingUnit.HeaderRoom..];
        bool recomputeChecksums = (faults & RscFault.ChecksumsNotRecomputed) == 0;
        byte ttl = (faults & RscFault.TtlFromLast) != 0 ? unit.LastTtl : unit.MinimumTtl;
        // The unit's buffer still holds the first segment's TTL; under the named fault it stays.
        bool rewriteTtl = (faults & RscFault.TtlFromFirst) == 0;
        int tcpLength = unit.DataEnd - unit.TcpOffset;
        ReadOnlySpan<byte> addresses;
        if (unit.IsIpv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[(Ip + 4)..], (ushort)(unit.IpDatagramLength - Wire.Ipv6HeaderLength));
            if (rewriteTtl)
            {
                frame[Ip + 7] = ttl;
            }
            addresses = frame.Slice(Ip + 8, 32);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[(Ip + 2)..], (ushort)unit.IpDatagramLength);
            if ((faults & RscFault.IpIdFromLast) != 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(frame[(Ip + 4)..], unit.LastIpId);
            }
            if (rewriteTtl)
            {
                frame[Ip + 8] = ttl;
            }
            if (recomputeChecksums)
            {
                var ipHeader = frame.Slice(Ip, unit.IpHeaderLength);
                BinaryPrimitives.WriteUInt16BigEndian(ipHeader[10..], 0);
                BinaryPrimitives.WriteUInt16BigEndian(ipHeader[10..], InternetChecksum.Complement(InternetChecksum.Sum(ipHeader)));
            }
            addresses = frame.Slice(Ip + 12, 8);
        }

        var tcp = frame.Slice(unit.TcpOffset, unit.TcpHeaderLength);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], unit.Ack);
        bool psh = (faults & RscFault.PshFromLast) != 0 ? unit.LastPsh : unit.AnyPsh;
        tcp[13] = (byte)(TcpFlagBits.Ack | unit.EcnEcho | (psh ? TcpFlagBits.Psh : 0));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], unit.Window);
        if (unit.HasTimestamp)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame[(unit.TimestampOffset + 2)..], unit.TsVal);
            BinaryPrimitives.WriteUInt32BigEndian(frame[(unit.TimestampOffset + 6)..], unit.TsEcr);
        }
        if (recomputeChecksums)
        {
            // The payload was summed once on arrival; only the rebuilt header is summed again.
            BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], 0);
            uint sum = InternetChecksum.Combine(InternetChecksum.PseudoHeader(addresses, tcpLength), InternetChecksum.Sum(tcp));
            sum = InternetChecksum.Combine(sum, unit.PayloadSum);
            BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], InternetChecksum.Complement(sum));
        }

        byte flags = (byte)(VirtioNetHeaderWriter.FlagRscInfo | (recomputeChecksums ? VirtioNetHeaderWriter.FlagNeedsCsum : 0));
        byte gsoType = unit.IsIpv6 ? VirtioNetHeaderWriter.GsoTcpV6 : VirtioNetHeaderWriter.GsoTcpV4;
        int gsoSize = (faults & RscFault.GsoSizeZero) != 0 ? 0 : unit.LargestPayload;
        int segments = (faults & RscFault.CountFromSize) != 0 && unit.FirstPayloadLength > 0
            ? (unit.PayloadBytes + unit.FirstPayloadLength - 1) / unit.FirstPayloadLength
            : unit.DataSegments;
        int dupAcks = (faults & RscFault.DupAcksNotCounted) != 0 ? 0 : unit.DupAcks;
        VirtioNetHeaderWriter.Write(buffer, flags, gsoType, unit.PayloadOffset, gsoSize, segments, dupAcks);
        return buffer.Length;
    }
}
