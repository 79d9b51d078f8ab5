using System.Globalization;

namespace Rsc.Harness.Qemu.Virtio;

/// <summary>
/// A bump allocator over the guest's RAM: rings and buffers are placed from 1 MiB upwards (below
/// the first megabyte sit the legacy VGA/BIOS holes) and must end below the RAM size.
/// </summary>
public sealed class GuestMemory
{
    public const ulong DefaultStart = 0x10_0000;

    private ulong _next;

    public GuestMemory(ulong ramBytes, ulong start = DefaultStart)
    {
        if (start >= ramBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(start), "the allocator starts beyond the guest RAM");
        }
        RamBytes = ramBytes;
        _next = start;
    }

    public ulong RamBytes { get; }

    public ulong Used => _next;

    public ulong Allocate(ulong bytes, ulong alignment = 16)
    {
        ulong at = SplitVirtqueueLayout.Align(_next, alignment);
        if (at + bytes > RamBytes)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"guest RAM exhausted: {bytes} bytes at 0x{at:x} do not fit below 0x{RamBytes:x}"));
        }
        _next = at + bytes;
        return at;
    }
}
