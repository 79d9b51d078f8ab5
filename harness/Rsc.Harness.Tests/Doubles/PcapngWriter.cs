using System.Buffers.Binary;

namespace Rsc.Harness.Tests.Doubles;

/// <summary>
/// Writes pcapng as Wireshark does (the pcapng specification, draft-ietf-opsawg-pcapng): a Section
/// Header Block, one Interface Description Block (Ethernet, if_tsresol = 10^-9) and an Enhanced
/// Packet Block per frame, little-endian.
/// </summary>
internal static class PcapngWriter
{
    public static byte[] Build(IEnumerable<(long TimestampNs, byte[] Frame)> packets)
    {
        using var stream = new MemoryStream();
        Block(stream, 0x0A0D0D0A, body =>
        {
            U32(body, 0x1A2B3C4D); // byte-order magic
            U16(body, 1); // major version
            U16(body, 0); // minor version
            U64(body, ulong.MaxValue); // section length: not given
        });
        Block(stream, 0x00000001, body =>
        {
            U16(body, 1); // LINKTYPE_ETHERNET
            U16(body, 0); // reserved
            U32(body, 262_144); // snap length
            U16(body, 9); // if_tsresol
            U16(body, 1);
            body.WriteByte(9); // 10^-9 s
            body.Write(new byte[3]); // padding to 32 bits
            U32(body, 0); // opt_endofopt
        });
        foreach (var (ts, frame) in packets)
        {
            Block(stream, 0x00000006, body =>
            {
                U32(body, 0); // interface 0
                U32(body, (uint)((ulong)ts >> 32));
                U32(body, (uint)((ulong)ts & 0xFFFFFFFF));
                U32(body, (uint)frame.Length);
                U32(body, (uint)frame.Length);
                body.Write(frame);
                body.Write(new byte[(4 - (frame.Length % 4)) % 4]);
            });
        }
        return stream.ToArray();
    }

    private static void Block(Stream stream, uint type, Action<Stream> writeBody)
    {
        using var body = new MemoryStream();
        writeBody(body);
        uint total = (uint)body.Length + 12;
        U32(stream, type);
        U32(stream, total);
        body.Position = 0;
        body.CopyTo(stream);
        U32(stream, total);
    }

    private static void U16(Stream s, ushort v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        s.Write(b);
    }

    private static void U32(Stream s, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        s.Write(b);
    }

    private static void U64(Stream s, ulong v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, v);
        s.Write(b);
    }
}
