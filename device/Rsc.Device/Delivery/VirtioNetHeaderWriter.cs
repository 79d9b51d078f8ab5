using System.Buffers.Binary;

namespace Rsc.Device.Delivery;

/// <summary>Writes the 12-byte little-endian virtio_net_hdr_v1 that precedes every guest delivery (VS).</summary>
internal static class VirtioNetHeaderWriter
{
    public const int Size = 12;

    public const byte FlagNeedsCsum = 1;
    public const byte FlagDataValid = 2;
    public const byte FlagRscInfo = 4;

    public const byte GsoNone = 0;
    public const byte GsoTcpV4 = 1;
    public const byte GsoTcpV6 = 4;

    /// <summary>Header of a frame passed on without coalescing.</summary>
    public static void WritePlain(Span<byte> destination, byte flags) =>
        Write(destination, flags, GsoNone, 0, 0, 0, 0);

    /// <summary>
    /// With RSC_INFO, csum_start carries the number of coalesced segments and csum_offset the
    /// number of duplicate ACKs (VIRTIO_NET_F_RSC_EXT).
    /// </summary>
    public static void Write(Span<byte> destination, byte flags, byte gsoType, int headerLength, int gsoSize, int csumStart, int csumOffset)
    {
        destination[0] = flags;
        destination[1] = gsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)headerLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)gsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)csumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], (ushort)csumOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], 1); // num_buffers: one buffer per delivery
    }
}
