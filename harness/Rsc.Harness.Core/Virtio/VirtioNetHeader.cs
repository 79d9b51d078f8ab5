using System.Buffers.Binary;

namespace Rsc.Harness.Core.Virtio;

/// <summary>
/// The 12-byte little-endian virtio_net_hdr_v1 that precedes every frame handed to the guest.
/// With <see cref="VirtioNetHeaderFlags.RscInfo"/> set, csum_start carries the number of coalesced
/// segments and csum_offset the number of duplicate ACKs (VIRTIO_NET_F_RSC_EXT).
/// </summary>
public readonly record struct VirtioNetHeader(
    VirtioNetHeaderFlags Flags,
    VirtioGsoType GsoType,
    ushort HeaderLength,
    ushort GsoSize,
    ushort CsumStart,
    ushort CsumOffset,
    ushort NumBuffers)
{
    public const int Size = 12;

    public bool HasRscInfo => (Flags & VirtioNetHeaderFlags.RscInfo) != 0;
    public bool NeedsChecksum => (Flags & VirtioNetHeaderFlags.NeedsCsum) != 0;
    public bool DataValid => (Flags & VirtioNetHeaderFlags.DataValid) != 0;

    /// <summary>Coalesced data segments, when the header carries RSC information.</summary>
    public int? RscSegments => HasRscInfo ? CsumStart : null;

    /// <summary>Duplicate ACKs absorbed, when the header carries RSC information.</summary>
    public int? RscDupAcks => HasRscInfo ? CsumOffset : null;

    public static VirtioNetHeader Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Size)
        {
            throw new ArgumentException($"a virtio_net_hdr_v1 needs {Size} bytes, got {bytes.Length}", nameof(bytes));
        }
        return new VirtioNetHeader(
            (VirtioNetHeaderFlags)bytes[0],
            (VirtioGsoType)bytes[1],
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[10..]));
    }

    public void Write(Span<byte> destination)
    {
        destination[0] = (byte)Flags;
        destination[1] = (byte)GsoType;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], HeaderLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], GsoSize);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], CsumStart);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], CsumOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], NumBuffers);
    }

    public override string ToString()
    {
        var rsc = HasRscInfo ? $" rsc(segments={CsumStart}, dupAcks={CsumOffset})" : $" csum_start={CsumStart} csum_offset={CsumOffset}";
        return $"flags=[{FlagsText(Flags)}] gso={GsoType} gso_size={GsoSize} hdr_len={HeaderLength}{rsc} num_buffers={NumBuffers}";
    }

    public static string FlagsText(VirtioNetHeaderFlags flags)
    {
        if (flags == VirtioNetHeaderFlags.None) return "";
        var parts = new List<string>(3);
        if ((flags & VirtioNetHeaderFlags.NeedsCsum) != 0) parts.Add("NEEDS_CSUM");
        if ((flags & VirtioNetHeaderFlags.DataValid) != 0) parts.Add("DATA_VALID");
        if ((flags & VirtioNetHeaderFlags.RscInfo) != 0) parts.Add("RSC_INFO");
        var rest = (byte)flags & ~0x07;
        if (rest != 0) parts.Add($"0x{rest:x2}");
        return string.Join('|', parts);
    }
}

[Flags]
public enum VirtioNetHeaderFlags : byte
{
    None = 0,
    NeedsCsum = 1,
    DataValid = 2,
    RscInfo = 4,
}

public enum VirtioGsoType : byte
{
    None = 0,
    TcpV4 = 1,
    Udp = 3,
    TcpV6 = 4,
    Ecn = 0x80,
}
