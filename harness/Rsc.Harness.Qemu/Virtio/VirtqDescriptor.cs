using System.Buffers.Binary;

namespace Rsc.Harness.Qemu.Virtio;

/// <summary>One split-ring descriptor: buffer address, length, flags (NEXT, WRITE), next index.</summary>
public readonly record struct VirtqDescriptor(ulong Address, uint Length, ushort Flags, ushort Next)
{
    public const ushort FlagNext = 1;
    public const ushort FlagWrite = 2;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Address);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[12..], Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], Next);
    }

    public static VirtqDescriptor Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(source),
        BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[12..]),
        BinaryPrimitives.ReadUInt16LittleEndian(source[14..]));
}
