using System.Buffers.Binary;
using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>
/// A persistent TAP a test creates for itself (name "rscd" + pid in hex + a counter), with IPv6 off
/// and the link up, as the harness would hand one to `rsc device`. Dispose deletes it.
/// </summary>
internal sealed unsafe class TestTap : IDisposable
{
    private static int s_counter;

    private TestTap(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public static TestTap Create()
    {
        var name = $"rscd{Environment.ProcessId:x}{Interlocked.Increment(ref s_counter):x}";
        Assert.That(name, Has.Length.LessThanOrEqualTo(15));
        var tap = new TestTap(name);
        try
        {
            MakePersistent(name);
            HostTool.Run("sysctl", check: true, "-q", "-w", $"net.ipv6.conf.{name}.disable_ipv6=1");
            HostTool.Run("ip", check: true, "link", "set", "dev", name, "up");
            return tap;
        }
        catch
        {
            tap.Dispose();
            throw;
        }
    }

    private static void MakePersistent(string name)
    {
        int fd;
        fixed (byte* path = "/dev/net/tun\0"u8)
        {
            fd = LibC.Open(path, LibC.O_RDWR | LibC.O_CLOEXEC);
        }
        Assert.That(fd, Is.GreaterThanOrEqualTo(0), () => $"open /dev/net/tun: {LibC.Describe(LibC.LastError)}");
        try
        {
            byte* ifreq = stackalloc byte[LibC.IfreqSize];
            var request = new Span<byte>(ifreq, LibC.IfreqSize);
            request.Clear();
            Assert.That(LibC.TryWriteCString(name, request[..LibC.IFNAMSIZ]), Is.True);
            BinaryPrimitives.WriteInt16LittleEndian(request[LibC.IFNAMSIZ..], (short)(LibC.IFF_TAP | LibC.IFF_NO_PI | LibC.IFF_VNET_HDR));
            Assert.That(LibC.Ioctl(fd, LibC.TUNSETIFF, ifreq), Is.Zero, () => $"TUNSETIFF {name}: {LibC.Describe(LibC.LastError)}");
            Assert.That(LibC.Ioctl(fd, LibC.TUNSETPERSIST, 1), Is.Zero, () => $"TUNSETPERSIST {name}: {LibC.Describe(LibC.LastError)}");
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists($"/sys/class/net/{Name}"))
        {
            HostTool.Run("ip", check: false, "link", "del", "dev", Name);
        }
    }
}
