using System.Buffers.Binary;
using System.Runtime.Versioning;

namespace Rsc.Device.Daemon.Linux;

/// <summary>
/// An existing TAP interface opened through /dev/net/tun as IFF_TAP | IFF_NO_PI | IFF_VNET_HDR with a
/// 12-byte vnet header, non-blocking. Every read returns the header followed by one Ethernet frame.
/// Offloads are never switched on (no TUNSETOFFLOAD), so the kernel sends plain frames.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class TapFile : IDisposable
{
    /// <summary>The vnet header size set with TUNSETVNETHDRSZ (virtio_net_hdr_v1).</summary>
    public const int VnetHeaderSize = 12;

    private int _fd;

    private TapFile(string name, int fd)
    {
        Name = name;
        _fd = fd;
    }

    public string Name { get; }

    public int Descriptor => _fd;

    /// <summary>Attaches to the TAP called <paramref name="name"/>; it must already exist.</summary>
    /// <exception cref="DaemonException">It does not exist, is not a TAP, or cannot be attached.</exception>
    public static TapFile Attach(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Directory.Exists($"/sys/class/net/{name}"))
        {
            throw new DaemonException($"tap '{name}' does not exist (create it first, persistent and up)");
        }
        if (!File.Exists($"/sys/class/net/{name}/tun_flags"))
        {
            throw new DaemonException($"interface '{name}' is not a tun/tap device");
        }
        var flagsText = File.ReadAllText($"/sys/class/net/{name}/tun_flags").Trim();
        if (flagsText.StartsWith("0x", StringComparison.Ordinal)
            && int.TryParse(flagsText.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out int existing)
            && (existing & LibC.IFF_TAP) == 0)
        {
            throw new DaemonException($"interface '{name}' is a tun (layer 3) device, not a tap");
        }

        int fd;
        fixed (byte* path = "/dev/net/tun\0"u8)
        {
            fd = LibC.Open(path, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        }
        if (fd < 0)
        {
            throw new DaemonException($"cannot open /dev/net/tun: {LibC.Describe(LibC.LastError)}");
        }
        try
        {
            byte* ifreq = stackalloc byte[LibC.IfreqSize];
            var request = new Span<byte>(ifreq, LibC.IfreqSize);
            request.Clear();
            if (!LibC.TryWriteCString(name, request[..LibC.IFNAMSIZ]))
            {
                throw new DaemonException($"tap name '{name}' is longer than {LibC.IFNAMSIZ - 1} bytes");
            }
            BinaryPrimitives.WriteInt16LittleEndian(request[LibC.IFNAMSIZ..], (short)(LibC.IFF_TAP | LibC.IFF_NO_PI | LibC.IFF_VNET_HDR));
            if (LibC.Ioctl(fd, LibC.TUNSETIFF, ifreq) < 0)
            {
                throw new DaemonException($"cannot attach to tap '{name}' (TUNSETIFF): {LibC.Describe(LibC.LastError)}");
            }
            int headerSize = VnetHeaderSize;
            if (LibC.Ioctl(fd, LibC.TUNSETVNETHDRSZ, &headerSize) < 0)
            {
                throw new DaemonException($"cannot set the vnet header size on tap '{name}' (TUNSETVNETHDRSZ): {LibC.Describe(LibC.LastError)}");
            }
            return new TapFile(name, fd);
        }
        catch
        {
            LibC.Close(fd);
            throw;
        }
    }

    /// <summary>
    /// Reads one vnet header + frame into <paramref name="buffer"/>.
    /// </summary>
    /// <returns>The bytes read; 0 when nothing is waiting.</returns>
    /// <exception cref="DaemonException">The read failed (e.g. the TAP was deleted).</exception>
    public int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = LibC.Read(_fd, p, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }
                int errno = LibC.LastError;
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                if (errno == LibC.EAGAIN)
                {
                    return 0;
                }
                throw errno == LibC.EBADFD
                    ? new DaemonException($"tap '{Name}' is gone (deleted while attached): {LibC.Describe(errno)}")
                    : new DaemonException($"tap '{Name}': read failed: {LibC.Describe(errno)}");
            }
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
