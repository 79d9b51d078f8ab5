using System.Buffers.Binary;
using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Core.Traffic;

/// <summary>Builds the Ethernet frame for a <see cref="SegmentSpec"/>.</summary>
public static class FrameBuilder
{
    public static byte[] Build(SegmentSpec s)
    {
        ArgumentNullException.ThrowIfNull(s);
        int optionsLength = 0;
        foreach (var o in s.Options)
        {
            optionsLength += o.Length;
        }
        int tcpHeader = 20 + Pad4(optionsLength);
        if (tcpHeader > 60)
        {
            throw new ArgumentException($"TCP options need {optionsLength} bytes; at most 40 fit", nameof(s));
        }
        bool v6 = s.Flow.IpVersion == 6;
        int ipHeader = v6 ? 40 + (8 * s.ExtensionHeaders.Count) : 20 + Pad4(s.Ipv4Options.Length);
        if (!v6 && ipHeader > 60)
        {
            throw new ArgumentException("IPv4 options exceed 40 bytes", nameof(s));
        }
        int tcpLength = tcpHeader + s.Payload.Length;
        var frame = new byte[EtherTypes.EthernetHeaderLength + ipHeader + tcpLength];
        var span = frame.AsSpan();
        s.Flow.DestinationMac.CopyTo(span);
        s.Flow.SourceMac.CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], v6 ? EtherTypes.IPv6 : EtherTypes.IPv4);
        const int ip = EtherTypes.EthernetHeaderLength;
        int tcp = ip + ipHeader;
        var src = s.Flow.Source.GetAddressBytes();
        var dst = s.Flow.Destination.GetAddressBytes();

        if (v6)
        {
            uint first = (6u << 28) | ((uint)((s.Dscp << 2) | (s.Ecn & 3)) << 20) | (s.FlowLabel & 0xFFFFF);
            BinaryPrimitives.WriteUInt32BigEndian(span[ip..], first);
            BinaryPrimitives.WriteUInt16BigEndian(span[(ip + 4)..], (ushort)(ipHeader - 40 + tcpLength));
            span[ip + 6] = s.ExtensionHeaders.Count > 0 ? s.ExtensionHeaders[0].NextHeaderValue : (byte)6;
            span[ip + 7] = s.Ttl;
            src.CopyTo(span[(ip + 8)..]);
            dst.CopyTo(span[(ip + 24)..]);
            int e = ip + 40;
            for (int i = 0; i < s.ExtensionHeaders.Count; i++)
            {
                byte next = i + 1 < s.ExtensionHeaders.Count ? s.ExtensionHeaders[i + 1].NextHeaderValue : (byte)6;
                s.ExtensionHeaders[i].Write(span[e..], next);
                e += s.ExtensionHeaders[i].Length;
            }
        }
        else
        {
            span[ip] = (byte)(0x40 | (ipHeader / 4));
            span[ip + 1] = (byte)((s.Dscp << 2) | (s.Ecn & 3));
            BinaryPrimitives.WriteUInt16BigEndian(span[(ip + 2)..], (ushort)(ipHeader + tcpLength));
            BinaryPrimitives.WriteUInt16BigEndian(span[(ip + 4)..], s.IpId);
            ushort flagsFrag = (ushort)((s.DontFragment ? 0x4000 : 0) | (s.MoreFragments ? 0x2000 : 0) | (s.FragmentOffset & 0x1FFF));
            BinaryPrimitives.WriteUInt16BigEndian(span[(ip + 6)..], flagsFrag);
            span[ip + 8] = s.Ttl;
            span[ip + 9] = 6;
            src.CopyTo(span[(ip + 12)..]);
            dst.CopyTo(span[(ip + 16)..]);
            s.Ipv4Options.CopyTo(span[(ip + 20)..]);
        }

        BinaryPrimitives.WriteUInt16BigEndian(span[tcp..], s.Flow.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(span[(tcp + 2)..], s.Flow.DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(span[(tcp + 4)..], s.Seq);
        BinaryPrimitives.WriteUInt32BigEndian(span[(tcp + 8)..], s.Ack);
        span[tcp + 12] = (byte)((tcpHeader / 4) << 4);
        span[tcp + 13] = (byte)s.Flags;
        BinaryPrimitives.WriteUInt16BigEndian(span[(tcp + 14)..], s.Window);
        BinaryPrimitives.WriteUInt16BigEndian(span[(tcp + 18)..], s.UrgentPointer);
        int opt = tcp + 20;
        foreach (var o in s.Options)
        {
            o.Write(span[opt..]);
            opt += o.Length;
        }
        s.Payload.Span.CopyTo(span[(tcp + tcpHeader)..]);

        ushort tcpSum = InternetChecksum.Tcp(src, dst, span[tcp..]);
        if ((s.ChecksumDamage & ChecksumDamage.Tcp) != 0)
        {
            tcpSum ^= 0x5A5A;
        }
        BinaryPrimitives.WriteUInt16BigEndian(span[(tcp + 16)..], tcpSum);
        if (!v6)
        {
            ushort ipSum = InternetChecksum.Compute(span.Slice(ip, ipHeader));
            if ((s.ChecksumDamage & ChecksumDamage.Ip) != 0)
            {
                ipSum ^= 0x5A5A;
            }
            BinaryPrimitives.WriteUInt16BigEndian(span[(ip + 10)..], ipSum);
        }
        return frame;
    }

    private static int Pad4(int n) => (n + 3) & ~3;
}
