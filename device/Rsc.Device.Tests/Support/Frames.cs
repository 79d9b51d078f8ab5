using System.Buffers.Binary;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Device.Tests.Support;

/// <summary>Small helpers for building and inspecting test frames.</summary>
public static class Frames
{
    public static byte[] Concat(params ScheduledFrame[] frames)
    {
        var all = new List<byte>();
        foreach (var f in frames)
        {
            all.AddRange(PacketParser.Parse(f.Frame).Payload.ToArray());
        }
        return [.. all];
    }

    /// <summary>Recomputes the IPv4 header checksum and TCP checksum of a frame after the test edited it.</summary>
    public static byte[] FixChecksums(byte[] frame)
    {
        var p = PacketParser.Parse(frame);
        var span = frame.AsSpan();
        if (p.IpVersion == 4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(p.IpOffset + 10)..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(span[(p.IpOffset + 10)..], InternetChecksum.Compute(span.Slice(p.IpOffset, p.IpHeaderLength)));
        }
        int end = p.IpOffset + p.IpDatagramLength;
        BinaryPrimitives.WriteUInt16BigEndian(span[(p.TcpOffset + 16)..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[(p.TcpOffset + 16)..], InternetChecksum.Tcp(p.SourceAddress, p.DestinationAddress, span[p.TcpOffset..end]));
        return frame;
    }

    /// <summary>The frame with <paramref name="padding"/> zero bytes of Ethernet padding behind the IP datagram.</summary>
    public static byte[] Padded(byte[] frame, int padding)
    {
        var padded = new byte[frame.Length + padding];
        frame.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>Payload bytes of a parsed TCP delivery.</summary>
    public static byte[] PayloadOf(byte[] frame) => PacketParser.Parse(frame).Payload.ToArray();
}
