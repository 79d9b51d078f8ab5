using System.Buffers.Binary;
using System.Net;

namespace Rsc.Device.Benchmarks;

/// <summary>
/// Prebuilt Ethernet/IPv4/TCP frames with correct checksums, so the measured loop only feeds bytes.
/// Written here rather than borrowed from the harness to keep the benchmark free of test code.
/// </summary>
internal static class SegmentFrames
{
    public const int Payload = 1448;

    /// <summary><paramref name="perFlow"/> in-order segments for each of <paramref name="flows"/> flows, interleaved round-robin.</summary>
    public static byte[][] Interleaved(int flows, int perFlow)
    {
        var frames = new byte[flows * perFlow][];
        for (int f = 0; f < flows; f++)
        {
            uint seq = 1_000_000u + (uint)(f * 7919);
            for (int i = 0; i < perFlow; i++)
            {
                frames[(i * flows) + f] = Build(f, seq, (ushort)(i + 1));
                seq += Payload;
            }
        }
        return frames;
    }

    private static byte[] Build(int flow, uint seq, ushort ipId)
    {
        var frame = new byte[14 + 20 + 20 + Payload];
        var span = frame.AsSpan();
        byte[] guestMac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
        byte[] peerMac = [0x52, 0x54, 0x00, 0xAB, 0xCD, 0xEF];
        guestMac.CopyTo(span);
        peerMac.CopyTo(span[6..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);
        var ip = span[14..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], 20 + 20 + Payload);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000);
        ip[8] = 64;
        ip[9] = 6;
        new IPAddress([198, 51, (byte)(100 + (flow >> 8)), (byte)(flow & 0xFF)]).GetAddressBytes().CopyTo(ip[12..]);
        new IPAddress([192, 0, 2, 10]).GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip[..20], 0));
        var tcp = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)(40000 + flow));
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], 5001);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], 5_000_000);
        tcp[12] = 5 << 4;
        tcp[13] = 0x10;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 65535);
        for (int i = 0; i < Payload; i++)
        {
            tcp[20 + i] = (byte)((seq + (uint)i) * 31);
        }
        uint pseudo = Sum(ip.Slice(12, 8), 0) + 6 + (uint)(20 + Payload);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], Checksum(tcp[..(20 + Payload)], pseudo));
        return frame;
    }

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        for (int i = 0; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }
        if ((data.Length & 1) != 0)
        {
            sum += (uint)(data[^1] << 8);
        }
        return sum;
    }

    private static ushort Checksum(ReadOnlySpan<byte> data, uint initial)
    {
        uint sum = Sum(data, initial);
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }
}
