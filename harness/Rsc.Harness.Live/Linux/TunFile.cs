using System.Runtime.Versioning;
using System.Text;

namespace Rsc.Harness.Live.Linux;

/// <summary>Opens /dev/net/tun as a TAP queue (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR) of the given name.</summary>
[SupportedOSPlatform("linux")]
internal static unsafe class TunFile
{
    /// <summary>The descriptor, attached to (or creating) TAP <paramref name="name"/>; the caller closes it.</summary>
    public static int Open(string name)
    {
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw new LiveSetupException($"cannot open /dev/net/tun: {LibC.LastError()}");
        }
        var request = default(LibC.IfReq);
        var bytes = Encoding.ASCII.GetBytes(name);
        for (int i = 0; i < bytes.Length && i < 15; i++)
        {
            request.Name[i] = bytes[i];
        }
        request.Flags = LibC.IFF_TAP | LibC.IFF_NO_PI | LibC.IFF_VNET_HDR;
        if (LibC.ioctl(fd, LibC.TUNSETIFF, &request) < 0)
        {
            string error = LibC.LastError();
            LibC.close(fd);
            throw new LiveSetupException($"cannot attach to TAP {name}: {error}");
        }
        return fd;
    }
}
