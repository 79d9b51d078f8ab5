namespace Rsc.Harness.Qemu.Virtio;

/// <summary>
/// Where the three parts of a split virtqueue live in guest memory: the descriptor table (16 bytes
/// per entry, 16-aligned), the available ring (flags, idx, ring[N] of u16, used_event) and the used
/// ring (flags, idx, ring[N] of {u32 id, u32 len}, avail_event, 4-aligned). Modern virtio-pci takes
/// the three addresses separately; they are packed one after another here.
/// </summary>
public sealed record SplitVirtqueueLayout(ushort Size, ulong DescriptorTable, ulong AvailableRing, ulong UsedRing)
{
    public const int DescriptorSize = 16;
    public const int UsedElementSize = 8;

    public static int DescriptorTableBytes(int size) => DescriptorSize * size;

    /// <summary>flags + idx + ring + used_event.</summary>
    public static int AvailableRingBytes(int size) => 2 + 2 + (2 * size) + 2;

    /// <summary>flags + idx + ring + avail_event.</summary>
    public static int UsedRingBytes(int size) => 2 + 2 + (UsedElementSize * size) + 2;

    /// <summary>Lays a queue of <paramref name="size"/> entries out from <paramref name="baseAddress"/> (16-aligned).</summary>
    public static SplitVirtqueueLayout At(ulong baseAddress, ushort size)
    {
        if (size == 0 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "a split virtqueue size is a power of two");
        }
        ulong desc = Align(baseAddress, 16);
        ulong avail = desc + (ulong)DescriptorTableBytes(size);
        ulong used = Align(avail + (ulong)AvailableRingBytes(size), 4);
        return new SplitVirtqueueLayout(size, desc, avail, used);
    }

    /// <summary>First byte after the used ring.</summary>
    public ulong End => UsedRing + (ulong)UsedRingBytes(Size);

    public ulong TotalBytes => End - DescriptorTable;

    public ulong DescriptorAddress(int index) => DescriptorTable + (ulong)(DescriptorSize * index);

    public ulong AvailableIndexAddress => AvailableRing + 2;

    /// <summary>Address of avail->ring[<paramref name="ringIndex"/> mod size].</summary>
    public ulong AvailableEntryAddress(ushort ringIndex) => AvailableRing + 4 + (ulong)(2 * (ringIndex % Size));

    public ulong UsedIndexAddress => UsedRing + 2;

    /// <summary>Address of used->ring[<paramref name="ringIndex"/> mod size].</summary>
    public ulong UsedElementAddress(ushort ringIndex) => UsedRing + 4 + (ulong)(UsedElementSize * (ringIndex % Size));

    public static ulong Align(ulong value, ulong alignment) => (value + alignment - 1) & ~(alignment - 1);
}
