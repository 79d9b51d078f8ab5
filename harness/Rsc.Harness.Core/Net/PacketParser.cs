using System.Buffers.Binary;

namespace Rsc.Harness.Core.Net;

/// <summary>Decodes Ethernet/IPv4/IPv6/TCP frames into <see cref="ParsedPacket"/>; never throws on bad input.</summary>
public static class PacketParser
{
    public static ParsedPacket Parse(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Length < EtherTypes.EthernetHeaderLength)
        {
            return new ParsedPacket { Frame = frame, Shape = PacketShape.NotIp, MalformedReason = "shorter than an Ethernet header" };
        }
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12));
        return etherType switch
        {
            EtherTypes.IPv4 => ParseIpv4(frame),
            EtherTypes.IPv6 => ParseIpv6(frame),
            _ => new ParsedPacket { Frame = frame, Shape = PacketShape.NotIp, EtherType = etherType, MalformedReason = $"EtherType 0x{etherType:x4}" },
        };
    }

    private static ParsedPacket ParseIpv4(byte[] frame)
    {
        const int ip = EtherTypes.EthernetHeaderLength;
        var span = frame.AsSpan();
        if (frame.Length < ip + 20)
        {
            return Malformed(frame, EtherTypes.IPv4, 4, "IPv4 header truncated");
        }
        int version = span[ip] >> 4;
        int ihl = (span[ip] & 0xF) * 4;
        if (version != 4)
        {
            return Malformed(frame, EtherTypes.IPv4, version, $"IP version {version} in an IPv4 EtherType");
        }
        if (ihl < 20)
        {
            return Malformed(frame, EtherTypes.IPv4, 4, $"IHL {ihl / 4} below 5");
        }
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(span[(ip + 2)..]);
        if (ihl > frame.Length - ip)
        {
            return Malformed(frame, EtherTypes.IPv4, 4, $"IHL {ihl / 4} beyond the frame");
        }
        if (totalLength < ihl)
        {
            return Malformed(frame, EtherTypes.IPv4, 4, $"total length {totalLength} below header length {ihl}");
        }
        if (totalLength > frame.Length - ip)
        {
            return Malformed(frame, EtherTypes.IPv4, 4, $"total length {totalLength} beyond the frame ({frame.Length - ip} bytes)");
        }
        ushort flagsFrag = BinaryPrimitives.ReadUInt16BigEndian(span[(ip + 6)..]);
        bool df = (flagsFrag & 0x4000) != 0;
        bool mf = (flagsFrag & 0x2000) != 0;
        ushort fragOffset = (ushort)(flagsFrag & 0x1FFF);
        byte protocol = span[ip + 9];
        bool ipChecksumValid = InternetChecksum.Compute(span.Slice(ip, ihl)) == 0;
        var src = span.Slice(ip + 12, 4).ToArray();
        var dst = span.Slice(ip + 16, 4).ToArray();
        var common = new IpFields(
            EtherTypes.IPv4, 4, ip, ihl, totalLength, src, dst,
            Dscp: (byte)(span[ip + 1] >> 2), Ecn: (byte)(span[ip + 1] & 3),
            IpId: BinaryPrimitives.ReadUInt16BigEndian(span[(ip + 4)..]),
            Df: df, Mf: mf, FragOffset: fragOffset, Ttl: span[ip + 8], FlowLabel: 0,
            HasIpv4Options: ihl > 20, HasExt: false, FirstNextHeader: protocol, IpChecksumValid: ipChecksumValid);
        if (protocol != 6)
        {
            return common.ToPacket(frame, PacketShape.NotTcp, $"IP protocol {protocol}");
        }
        if (fragOffset != 0)
        {
            return common.ToPacket(frame, PacketShape.Fragment, $"fragment offset {fragOffset * 8}");
        }
        var shapeIfOk = mf ? PacketShape.Fragment : PacketShape.Tcp;
        return ParseTcp(frame, common, ip + ihl, ip + totalLength, shapeIfOk, mf ? "first fragment (MF)" : null);
    }

    private static ParsedPacket ParseIpv6(byte[] frame)
    {
        const int ip = EtherTypes.EthernetHeaderLength;
        var span = frame.AsSpan();
        if (frame.Length < ip + 40)
        {
            return Malformed(frame, EtherTypes.IPv6, 6, "IPv6 header truncated");
        }
        int version = span[ip] >> 4;
        if (version != 6)
        {
            return Malformed(frame, EtherTypes.IPv6, version, $"IP version {version} in an IPv6 EtherType");
        }
        uint first = BinaryPrimitives.ReadUInt32BigEndian(span[ip..]);
        byte trafficClass = (byte)((first >> 20) & 0xFF);
        uint flowLabel = first & 0xFFFFF;
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(span[(ip + 4)..]);
        int end = ip + 40 + payloadLength;
        if (end > frame.Length)
        {
            return Malformed(frame, EtherTypes.IPv6, 6, $"payload length {payloadLength} beyond the frame ({frame.Length - ip - 40} bytes)");
        }
        byte nextHeader = span[ip + 6];
        var src = span.Slice(ip + 8, 16).ToArray();
        var dst = span.Slice(ip + 24, 16).ToArray();
        int offset = ip + 40;
        byte nh = nextHeader;
        bool hasExt = false;
        bool fragment = false;
        // Walk the extension headers so the flow stays visible; any of them prevents coalescing.
        while (nh is 0 or 43 or 60 or 44)
        {
            hasExt = true;
            if (offset + 8 > end)
            {
                return Malformed(frame, EtherTypes.IPv6, 6, "extension header overruns the payload");
            }
            int len = nh == 44 ? 8 : (span[offset + 1] + 1) * 8;
            if (nh == 44)
            {
                fragment = true;
            }
            nh = span[offset];
            offset += len;
            if (offset > end)
            {
                return Malformed(frame, EtherTypes.IPv6, 6, "extension header overruns the payload");
            }
        }
        var common = new IpFields(
            EtherTypes.IPv6, 6, ip, offset - ip, 40 + payloadLength, src, dst,
            Dscp: (byte)(trafficClass >> 2), Ecn: (byte)(trafficClass & 3), IpId: 0,
            Df: false, Mf: fragment, FragOffset: 0, Ttl: span[ip + 7], FlowLabel: flowLabel,
            HasIpv4Options: false, HasExt: hasExt, FirstNextHeader: nextHeader, IpChecksumValid: true);
        if (nh != 6)
        {
            return common.ToPacket(frame, PacketShape.NotTcp, $"next header {nh}");
        }
        return ParseTcp(frame, common, offset, end, fragment ? PacketShape.Fragment : PacketShape.Tcp, fragment ? "IPv6 fragment header" : null);
    }

    private static ParsedPacket ParseTcp(byte[] frame, IpFields ip, int tcp, int end, PacketShape shapeIfOk, string? note)
    {
        var span = frame.AsSpan();
        if (end - tcp < 20)
        {
            return ip.ToPacket(frame, PacketShape.MalformedTcp, "TCP header truncated");
        }
        int dataOffset = (span[tcp + 12] >> 4) * 4;
        if (dataOffset < 20)
        {
            return ip.ToPacket(frame, PacketShape.MalformedTcp, $"TCP data offset {dataOffset / 4} below 5");
        }
        if (dataOffset > end - tcp)
        {
            return ip.ToPacket(frame, PacketShape.MalformedTcp, $"TCP data offset {dataOffset / 4} beyond the segment");
        }
        var options = new List<ParsedTcpOption>();
        string? optionError = null;
        int o = tcp + 20;
        int optEnd = tcp + dataOffset;
        while (o < optEnd)
        {
            byte kind = span[o];
            if (kind == TcpOptionKinds.End)
            {
                options.Add(new ParsedTcpOption(kind, []));
                break;
            }
            if (kind == TcpOptionKinds.Nop)
            {
                options.Add(new ParsedTcpOption(kind, []));
                o++;
                continue;
            }
            if (o + 1 >= optEnd || span[o + 1] < 2 || o + span[o + 1] > optEnd)
            {
                optionError = $"TCP option {kind} overruns the header";
                break;
            }
            options.Add(new ParsedTcpOption(kind, span.Slice(o + 2, span[o + 1] - 2).ToArray()));
            o += span[o + 1];
        }
        bool tcpValid = InternetChecksum.Tcp(ip.Source, ip.Destination, span[tcp..end]) == 0;
        var shape = optionError is not null ? PacketShape.MalformedTcp : shapeIfOk;
        return new ParsedPacket
        {
            Frame = frame,
            Shape = shape,
            MalformedReason = optionError ?? note,
            EtherType = ip.EtherType,
            IpVersion = ip.Version,
            IpOffset = ip.Offset,
            IpHeaderLength = ip.HeaderLength,
            IpDatagramLength = ip.DatagramLength,
            SourceAddress = ip.Source,
            DestinationAddress = ip.Destination,
            Dscp = ip.Dscp,
            Ecn = ip.Ecn,
            IpId = ip.IpId,
            DontFragment = ip.Df,
            MoreFragments = ip.Mf,
            FragmentOffset = ip.FragOffset,
            TtlOrHopLimit = ip.Ttl,
            FlowLabel = ip.FlowLabel,
            HasIpv4Options = ip.HasIpv4Options,
            HasIpv6ExtensionHeaders = ip.HasExt,
            Ipv6FirstNextHeader = ip.FirstNextHeader,
            IpChecksumValid = ip.IpChecksumValid,
            TcpOffset = tcp,
            TcpHeaderLength = dataOffset,
            SourcePort = BinaryPrimitives.ReadUInt16BigEndian(span[tcp..]),
            DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(span[(tcp + 2)..]),
            Seq = BinaryPrimitives.ReadUInt32BigEndian(span[(tcp + 4)..]),
            Ack = BinaryPrimitives.ReadUInt32BigEndian(span[(tcp + 8)..]),
            Flags = (TcpFlags)span[tcp + 13],
            Window = BinaryPrimitives.ReadUInt16BigEndian(span[(tcp + 14)..]),
            UrgentPointer = BinaryPrimitives.ReadUInt16BigEndian(span[(tcp + 18)..]),
            TcpChecksumValid = tcpValid,
            Options = options,
            PayloadOffset = tcp + dataOffset,
            PayloadLength = end - tcp - dataOffset,
        };
    }

    private static ParsedPacket Malformed(byte[] frame, ushort etherType, int version, string reason) =>
        new() { Frame = frame, Shape = PacketShape.MalformedIp, EtherType = etherType, IpVersion = version, MalformedReason = reason };

    private sealed record IpFields(
        ushort EtherType, int Version, int Offset, int HeaderLength, int DatagramLength, byte[] Source, byte[] Destination,
        byte Dscp, byte Ecn, ushort IpId, bool Df, bool Mf, ushort FragOffset, byte Ttl, uint FlowLabel,
        bool HasIpv4Options, bool HasExt, byte FirstNextHeader, bool IpChecksumValid)
    {
        public ParsedPacket ToPacket(byte[] frame, PacketShape shape, string? reason) => new()
        {
            Frame = frame,
            Shape = shape,
            MalformedReason = reason,
            EtherType = EtherType,
            IpVersion = Version,
            IpOffset = Offset,
            IpHeaderLength = HeaderLength,
            IpDatagramLength = DatagramLength,
            SourceAddress = Source,
            DestinationAddress = Destination,
            Dscp = Dscp,
            Ecn = Ecn,
            IpId = IpId,
            DontFragment = Df,
            MoreFragments = Mf,
            FragmentOffset = FragOffset,
            TtlOrHopLimit = Ttl,
            FlowLabel = FlowLabel,
            HasIpv4Options = HasIpv4Options,
            HasIpv6ExtensionHeaders = HasExt,
            Ipv6FirstNextHeader = FirstNextHeader,
            IpChecksumValid = IpChecksumValid,
        };
    }
}
