using System.Buffers.Binary;
using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>
/// An AF_PACKET SOCK_RAW socket bound to one interface: each <see cref="Send"/> puts a whole
/// Ethernet frame on that interface's transmit path (for a TAP: to whoever holds its fd).
/// </summary>
internal sealed unsafe class PacketInjector : IDisposable
{
    private const ushort EthPAll = 0x0003;
    private const int SockaddrLlSize = 20;

    private int _fd;

    public PacketInjector(int ifIndex)
    {
        ushort protocol = BinaryPrimitives.ReverseEndianness(EthPAll);
        _fd = LibC.Socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        Assert.That(_fd, Is.GreaterThanOrEqualTo(0), () => $"AF_PACKET socket: {LibC.Describe(LibC.LastError)}");
        byte* address = stackalloc byte[SockaddrLlSize];
        new Span<byte>(address, SockaddrLlSize).Clear();
        *(ushort*)address = LibC.AF_PACKET;       // sll_family
        *(ushort*)(address + 2) = protocol;       // sll_protocol
        *(int*)(address + 4) = ifIndex;           // sll_ifindex
        Assert.That(LibC.Bind(_fd, address, SockaddrLlSize), Is.Zero, () => $"bind AF_PACKET to ifindex {ifIndex}: {LibC.Describe(LibC.LastError)}");
    }

    public void Send(ReadOnlySpan<byte> frame)
    {
        fixed (byte* p = frame)
        {
            nint sent = LibC.Send(_fd, p, (nuint)frame.Length, 0);
            Assert.That(sent, Is.EqualTo((nint)frame.Length), () => $"AF_PACKET send: {LibC.Describe(LibC.LastError)}");
        }
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.Close(fd);
        }
    }
}
