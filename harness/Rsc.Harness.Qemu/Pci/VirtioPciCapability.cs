namespace Rsc.Harness.Qemu.Pci;

/// <summary>
/// One virtio vendor capability (cap_vndr 0x09) from the PCI capability list: which structure it
/// locates (common, notify, ISR, device config, PCI config access), in which BAR, at which offset.
/// The notify capability also carries the notify-offset multiplier.
/// </summary>
public sealed record VirtioPciCapability(VirtioPciCapabilityType Type, byte Bar, uint Offset, uint Length, uint NotifyOffsetMultiplier)
{
    public const byte VendorSpecificId = 0x09;

    /// <summary>Decodes the capability's bytes (starting at cap_vndr); null when it is not a virtio one.</summary>
    public static VirtioPciCapability? Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 16 || bytes[0] != VendorSpecificId)
        {
            return null;
        }
        var type = (VirtioPciCapabilityType)bytes[3];
        uint offset = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
        uint length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..]);
        uint multiplier = type == VirtioPciCapabilityType.Notify && bytes.Length >= 20
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..])
            : 0;
        return new VirtioPciCapability(type, bytes[4], offset, length, multiplier);
    }
}

public enum VirtioPciCapabilityType : byte
{
    Common = 1,
    Notify = 2,
    Isr = 3,
    Device = 4,
    PciConfig = 5,
}
