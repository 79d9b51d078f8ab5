using System.Buffers.Binary;
using Rsc.Harness.Core.Net;

namespace Rsc.TestCases.Support;

/// <summary>
/// Byte-level edits of a well-formed Ethernet/IPv4/TCP frame (no IPv4 options) or, for the IPv6
/// edits, an Ethernet/IPv6/TCP frame without extension headers, each breaking exactly one thing: checksums the edit did not mean to break are recomputed.
/// </summary>
internal static class FrameEdits
{
    private const int Ip = EtherTypes.EthernetHeaderLength;
    private const int Tcp = Ip + 20;

    public static byte[] Truncate(byte[] frame, int length) => frame[..length];

    public static byte[] WithIpv4HeaderLengthWords(byte[] frame, int words)
    {
        var f = (byte[])frame.Clone();
        f[Ip] = (byte)((f[Ip] & 0xF0) | (words & 0x0F));
        return FixIpv4Checksum(f);
    }

    public static byte[] WithIpVersion(byte[] frame, int version)
    {
        var f = (byte[])frame.Clone();
        f[Ip] = (byte)((version << 4) | (f[Ip] & 0x0F));
        return FixIpv4Checksum(f);
    }

    public static byte[] WithIpv4TotalLength(byte[] frame, int totalLength)
    {
        var f = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(Ip + 2), (ushort)totalLength);
        return FixIpv4Checksum(f);
    }

    public static int Ipv4TotalLength(byte[] frame) => BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(Ip + 2));

    public static byte[] WithIpv4Protocol(byte[] frame, byte protocol)
    {
        var f = (byte[])frame.Clone();
        f[Ip + 9] = protocol;
        return FixIpv4Checksum(f);
    }

    public static byte[] WithTcpDataOffsetWords(byte[] frame, int words)
    {
        var f = (byte[])frame.Clone();
        f[Tcp + 12] = (byte)((words << 4) | (f[Tcp + 12] & 0x0F));
        return FixTcpChecksum(f);
    }

    public static byte[] WithIpv6NextHeader(byte[] frame, byte nextHeader)
    {
        var f = (byte[])frame.Clone();
        f[Ip + 6] = nextHeader;
        return f;
    }

    public static byte[] WithIpv6Version(byte[] frame, int version)
    {
        var f = (byte[])frame.Clone();
        f[Ip] = (byte)((version << 4) | (f[Ip] & 0x0F));
        return f;
    }

    public static int Ipv6PayloadLength(byte[] frame) => BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(Ip + 4));

    public static byte[] WithIpv6PayloadLength(byte[] frame, int payloadLength)
    {
        var f = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(Ip + 4), (ushort)payloadLength);
        return f;
    }

    public static byte[] WithEtherType(byte[] frame, ushort etherType)
    {
        var f = (byte[])frame.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(12), etherType);
        return f;
    }

    /// <summary>
    /// Splits an IPv4 datagram into two fragments: the first carries <paramref name="firstBytes"/>
    /// (a multiple of 8) of the IP payload with MF set, the second the rest at that offset.
    /// </summary>
    public static (byte[] First, byte[] Second) Fragment(byte[] frame, int firstBytes)
    {
        if (firstBytes <= 0 || firstBytes % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(firstBytes), "fragment payload must be a positive multiple of 8");
        }
        int ipPayload = Ipv4TotalLength(frame) - 20;
        if (firstBytes >= ipPayload)
        {
            throw new ArgumentOutOfRangeException(nameof(firstBytes), "nothing left for the second fragment");
        }
        var first = new byte[Tcp + firstBytes];
        frame.AsSpan(0, first.Length).CopyTo(first);
        BinaryPrimitives.WriteUInt16BigEndian(first.AsSpan(Ip + 2), (ushort)(20 + firstBytes));
        BinaryPrimitives.WriteUInt16BigEndian(first.AsSpan(Ip + 6), 0x2000);

        var second = new byte[Tcp + ipPayload - firstBytes];
        frame.AsSpan(0, Tcp).CopyTo(second);
        frame.AsSpan(Tcp + firstBytes, ipPayload - firstBytes).CopyTo(second.AsSpan(Tcp));
        BinaryPrimitives.WriteUInt16BigEndian(second.AsSpan(Ip + 2), (ushort)(20 + ipPayload - firstBytes));
        BinaryPrimitives.WriteUInt16BigEndian(second.AsSpan(Ip + 6), (ushort)(firstBytes / 8));
        return (FixIpv4Checksum(first), FixIpv4Checksum(second));
    }

    /// <summary>Zero bytes behind the IP datagram up to <paramref name="frameLength"/>, as Ethernet pads short frames; lengths and checksums stay.</summary>
    public static byte[] PaddedTo(byte[] frame, int frameLength)
    {
        if (frame.Length >= frameLength)
        {
            throw new ArgumentException($"the frame already has {frame.Length} bytes, not fewer than {frameLength}", nameof(frameLength));
        }
        var f = new byte[frameLength];
        frame.CopyTo(f, 0);
        return f;
    }

    private static byte[] FixIpv4Checksum(byte[] f)
    {
        // Always over the basic 20 bytes: a broken IHL must not also break the checksum.
        f[Ip + 10] = 0;
        f[Ip + 11] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(Ip + 10), InternetChecksum.Compute(f.AsSpan(Ip, 20)));
        return f;
    }

    private static byte[] FixTcpChecksum(byte[] f)
    {
        f[Tcp + 16] = 0;
        f[Tcp + 17] = 0;
        ushort sum = InternetChecksum.Tcp(f.AsSpan(Ip + 12, 4), f.AsSpan(Ip + 16, 4), f.AsSpan(Tcp));
        BinaryPrimitives.WriteUInt16BigEndian(f.AsSpan(Tcp + 16), sum);
        return f;
    }
}
