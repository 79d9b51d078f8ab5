using System.Globalization;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Qemu.Qtest;

namespace Rsc.Harness.Qemu.Pci;

/// <summary>
/// The virtio-net PCI function as the harness finds and prepares it: located on bus 0 by vendor
/// 0x1AF4, its virtio capabilities walked, the BAR they use sized and placed, and memory decoding
/// and bus mastering switched on.
/// </summary>
internal sealed class VirtioPciFunction
{
    public const ushort VirtioVendor = 0x1AF4;

    /// <summary>Transitional virtio-net (0x1000) or modern virtio-net (0x1041).</summary>
    public static bool IsNetDevice(ushort deviceId) => deviceId is 0x1000 or 0x1041;

    private VirtioPciFunction(PciConfigSpace config, IReadOnlyList<VirtioPciCapability> capabilities, IReadOnlyDictionary<byte, ulong> bars)
    {
        Config = config;
        Capabilities = capabilities;
        BarAddresses = bars;
    }

    public PciConfigSpace Config { get; }

    public IReadOnlyList<VirtioPciCapability> Capabilities { get; }

    /// <summary>Guest-physical address of each BAR a capability uses.</summary>
    public IReadOnlyDictionary<byte, ulong> BarAddresses { get; }

    public VirtioPciCapability Capability(VirtioPciCapabilityType type) =>
        Capabilities.FirstOrDefault(c => c.Type == type)
        ?? throw new DeviceFailureException($"the virtio-net function has no {type} capability (is disable-modern on?)");

    /// <summary>Guest-physical address of the structure a capability locates.</summary>
    public ulong AddressOf(VirtioPciCapabilityType type)
    {
        var cap = Capability(type);
        return BarAddresses[cap.Bar] + cap.Offset;
    }

    /// <summary>Finds the function, maps the BARs its capabilities use from <paramref name="mmioBase"/> up, enables IO, memory and bus mastering.</summary>
    public static VirtioPciFunction Prepare(QtestClient qtest, ulong mmioBase)
    {
        var config = PciConfigSpace.Find(qtest, VirtioVendor, IsNetDevice)
            ?? throw new DeviceFailureException("no virtio-net PCI function (vendor 0x1af4, device 0x1000/0x1041) on bus 0");
        var capabilities = WalkCapabilities(config);
        if (capabilities.Count == 0)
        {
            throw new DeviceFailureException("the virtio-net function lists no virtio capabilities (legacy-only device?)");
        }
        // Decoding off while BARs are sized and moved.
        config.Write16(PciConfigSpace.Command, 0);
        var bars = new Dictionary<byte, ulong>();
        ulong next = mmioBase;
        // The PCI-config-access capability names no real BAR; only the others are mapped.
        foreach (var bar in capabilities.Where(c => c.Type != VirtioPciCapabilityType.PciConfig).Select(c => c.Bar).Distinct().Order())
        {
            int register = PciConfigSpace.Bar0 + (4 * bar);
            uint original = config.Read32(register);
            if ((original & 1) != 0)
            {
                throw new DeviceFailureException(string.Create(CultureInfo.InvariantCulture, $"virtio capability BAR{bar} is an IO BAR; a memory BAR was expected"));
            }
            bool is64 = ((original >> 1) & 3) == 2;
            config.Write32(register, 0xFFFF_FFFF);
            uint mask = config.Read32(register) & 0xFFFF_FFF0;
            ulong size = mask == 0 ? 0 : (~(ulong)mask & 0xFFFF_FFFF) + 1;
            if (size == 0)
            {
                throw new DeviceFailureException(string.Create(CultureInfo.InvariantCulture, $"BAR{bar} of the virtio-net function reads as size 0"));
            }
            ulong address = (next + size - 1) & ~(size - 1);
            config.Write32(register, (uint)address);
            if (is64)
            {
                config.Write32(register + 4, (uint)(address >> 32));
            }
            bars[bar] = address;
            next = address + size;
        }
        config.Write16(PciConfigSpace.Command, PciConfigSpace.CommandIo | PciConfigSpace.CommandMemory | PciConfigSpace.CommandBusMaster);
        return new VirtioPciFunction(config, capabilities, bars);
    }

    private static List<VirtioPciCapability> WalkCapabilities(PciConfigSpace config)
    {
        var found = new List<VirtioPciCapability>();
        if ((config.Read16(PciConfigSpace.Status) & PciConfigSpace.StatusCapabilityList) == 0)
        {
            return found;
        }
        int pointer = config.Read8(PciConfigSpace.CapabilitiesPointer) & 0xFC;
        var seen = new HashSet<int>();
        while (pointer >= 0x40 && seen.Add(pointer))
        {
            var bytes = new byte[20];
            for (int i = 0; i < bytes.Length; i += 4)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i), config.Read32(pointer + i));
            }
            if (VirtioPciCapability.Parse(bytes) is { } cap)
            {
                found.Add(cap);
            }
            pointer = bytes[1] & 0xFC;
        }
        return found;
    }
}
