using System.Runtime.Versioning;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live.Pacing;

/// <summary>
/// This process attached to a TAP as its device: frames sent into the TAP's kernel side arrive here,
/// each behind a 12-byte vnet header, and are timestamped on arrival.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed unsafe class TapQueue : IDisposable
{
    private int _fd;

    private TapQueue(int fd) => _fd = fd;

    public static TapQueue Attach(string name)
    {
        int fd = TunFile.Open(name);
        int headerSize = 12;
        LibC.ioctl(fd, LibC.TUNSETVNETHDRSZ, &headerSize);
        return new TapQueue(fd);
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for a frame; its length with the vnet header, or 0.</summary>
    public int Read(Span<byte> buffer, int timeoutMs)
    {
        var poll = new LibC.PollFd { Fd = _fd, Events = LibC.POLLIN };
        if (LibC.poll(&poll, 1, timeoutMs) <= 0)
        {
            return 0;
        }
        fixed (byte* p = buffer)
        {
            nint n = LibC.read(_fd, p, buffer.Length);
            return n < 0 ? 0 : (int)n;
        }
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }
}
