using System.Buffers.Binary;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>A frame the guest received, decoded; copes with datagrams too large for their length field.</summary>
internal sealed class GuestInfo
{
    public GuestInfo(GuestFrame frame)
    {
        Frame = frame;
        var parsed = PacketParser.Parse(frame.Frame);
        int ipBytes = frame.Frame.Length - EtherTypes.EthernetHeaderLength;
        int limit = parsed.EtherType == EtherTypes.IPv6 ? 40 + 65535 : 65535;
        if ((parsed.EtherType is EtherTypes.IPv4 or EtherTypes.IPv6) && ipBytes > limit)
        {
            // The length field cannot describe this datagram: read the headers from a copy whose
            // length field is saturated, and take the payload up to the end of the frame.
            Oversized = true;
            var copy = (byte[])frame.Frame.Clone();
            int ip = EtherTypes.EthernetHeaderLength;
            if (parsed.EtherType == EtherTypes.IPv4)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(ip + 2), 65535);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(ip + 4), 65535);
            }
            parsed = PacketParser.Parse(copy);
        }
        Packet = parsed;
        Flow = parsed.Flow;
        Timestamp = parsed.TimestampOption;
        OnlyTimestampOptions = parsed.OnlyTimestampOptions;
        if (parsed.TcpOffset > 0)
        {
            PayloadOffset = parsed.PayloadOffset;
            PayloadLength = Oversized ? frame.Frame.Length - parsed.PayloadOffset : parsed.PayloadLength;
        }
    }

    public GuestFrame Frame { get; }
    public int Index => Frame.Index;
    public ParsedPacket Packet { get; }
    public FlowKey? Flow { get; }
    public ParsedTcpOption? Timestamp { get; }
    public bool OnlyTimestampOptions { get; }

    /// <summary>The IP datagram is larger than its length field can say.</summary>
    public bool Oversized { get; }

    public int PayloadOffset { get; }
    public int PayloadLength { get; }
    public ReadOnlySpan<byte> Payload => Frame.Frame.AsSpan(PayloadOffset, PayloadLength);

    /// <summary>Bytes of the IP datagram as delivered (the frame minus its Ethernet header).</summary>
    public int DatagramBytes => Frame.Frame.Length - EtherTypes.EthernetHeaderLength;

    /// <summary>The frame's own IP or TCP checksum is wrong (unknown, so false, for oversized frames).</summary>
    public bool ChecksumsBad => !Oversized && (!Packet.IpChecksumValid || (Packet.Shape == PacketShape.Tcp && !Packet.TcpChecksumValid));

    /// <summary>Which of the frame's own checksums are wrong, in words.</summary>
    public string BadChecksums()
    {
        var bad = new List<string>(2);
        if (!Packet.IpChecksumValid) bad.Add("IPv4 header");
        if (Packet.Shape == PacketShape.Tcp && !Packet.TcpChecksumValid) bad.Add("TCP");
        return string.Join(" and ", bad);
    }
}
