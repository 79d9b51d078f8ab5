using Rsc.Harness.Qemu.Qtest;

namespace Rsc.Harness.Qemu.Pci;

/// <summary>
/// PCI configuration mechanism #1 over qtest: the address goes to port 0xCF8
/// (enable | bus | device | function | register), the data moves through 0xCFC..0xCFF.
/// </summary>
internal sealed class PciConfigSpace
{
    public const ushort AddressPort = 0xCF8;
    public const ushort DataPort = 0xCFC;

    public const int VendorId = 0x00;
    public const int DeviceId = 0x02;
    public const int Command = 0x04;
    public const int Status = 0x06;
    public const int Bar0 = 0x10;
    public const int CapabilitiesPointer = 0x34;

    public const ushort CommandIo = 0x1;
    public const ushort CommandMemory = 0x2;
    public const ushort CommandBusMaster = 0x4;
    public const ushort StatusCapabilityList = 0x10;

    private readonly QtestClient _qtest;

    public PciConfigSpace(QtestClient qtest, int bus, int device, int function)
    {
        _qtest = qtest;
        Bus = bus;
        Device = device;
        Function = function;
    }

    public int Bus { get; }
    public int Device { get; }
    public int Function { get; }

    /// <summary>The 0xCF8 value for a register of this function (dword-aligned).</summary>
    public static uint Address(int bus, int device, int function, int register) =>
        0x8000_0000u | ((uint)bus << 16) | ((uint)device << 11) | ((uint)function << 8) | ((uint)register & 0xFC);

    public uint Read32(int register)
    {
        _qtest.Outl(AddressPort, Address(Bus, Device, Function, register));
        return _qtest.Inl(DataPort);
    }

    public ushort Read16(int register)
    {
        _qtest.Outl(AddressPort, Address(Bus, Device, Function, register));
        return _qtest.Inw((ushort)(DataPort + (register & 2)));
    }

    public byte Read8(int register)
    {
        _qtest.Outl(AddressPort, Address(Bus, Device, Function, register));
        return _qtest.Inb((ushort)(DataPort + (register & 3)));
    }

    public void Write32(int register, uint value)
    {
        _qtest.Outl(AddressPort, Address(Bus, Device, Function, register));
        _qtest.Outl(DataPort, value);
    }

    public void Write16(int register, ushort value)
    {
        _qtest.Outl(AddressPort, Address(Bus, Device, Function, register));
        _qtest.Outw((ushort)(DataPort + (register & 2)), value);
    }

    /// <summary>Finds the first function on bus 0 with <paramref name="vendor"/> (function 0 of each slot only).</summary>
    public static PciConfigSpace? Find(QtestClient qtest, ushort vendor, Func<ushort, bool>? deviceMatches = null)
    {
        for (int slot = 0; slot < 32; slot++)
        {
            var candidate = new PciConfigSpace(qtest, 0, slot, 0);
            uint id = candidate.Read32(VendorId);
            if ((id & 0xFFFF) == vendor && (deviceMatches?.Invoke((ushort)(id >> 16)) ?? true))
            {
                return candidate;
            }
        }
        return null;
    }
}
