using System.Runtime.Versioning;





namespace Rsc.Device.Daemon.Linux;

/// <summary>
/// A connected AF_UNIX SOCK_SEQPACKET socket: every <see cref="Send"/> is one message, delivered whole
/// or not at all. Sends block (back-pressure from the reader); the peer going away is
/// <see cref="GuestPeerGoneException"/>, never SIGPIPE.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class SeqPacketClient : IDisposable
{
    private const int SockaddrUnSize = 2 + LibC.SunPathSize;

    private int _fd;

    private SeqPacketClient(string path, int fd)
    {
        Path = path;
        _fd = fd;
    }

    public string Path { get; }

    public int Descriptor => _fd;

    /// <exception cref="DaemonException">The socket cannot be created or nobody listens at <paramref name="path"/>.</exception>
    public static SeqPacketClient Connect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte* address = stackalloc byte[SockaddrUnSize];
        var sockaddr = new Span<byte>(address, SockaddrUnSize);
        sockaddr.Clear();
        *(ushort*)address = LibC.AF_UNIX;
        if (!LibC.TryWriteCString(path, sockaddr[2..]))
        {
            throw new DaemonException($"guest socket path '{path}' is longer than {LibC.SunPathSize - 1} bytes");
        }
        int fd = LibC.Socket(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw new DaemonException($"cannot create a SOCK_SEQPACKET socket: {LibC.Describe(LibC.LastError)}");
        }
        while (LibC.Connect(fd, address, SockaddrUnSize) < 0)
        {
            int errno = LibC.LastError;
            if (errno == LibC.EINTR)
            {
                continue;
            }
            LibC.Close(fd);
            throw new DaemonException($"cannot connect to guest socket '{path}': {LibC.Describe(errno)}");
        }
        return new SeqPacketClient(path, fd);
    }

    /// <summary>Sends <paramref name="message"/> as one message, blocking while the peer's queue is full.</summary>
    /// <exception cref="GuestPeerGoneException">The peer closed its end.</exception>
    /// <exception cref="DaemonException">Any other failure.</exception>
    public void Send(ReadOnlySpan<byte> message)
    {
        fixed (byte* p = message)
        {
            while (true)
            {
                nint sent = LibC.Send(_fd, p, (nuint)message.Length, LibC.MSG_NOSIGNAL);
                if (sent >= 0)
                {
                    return;
                }
                int errno = LibC.LastError;
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                throw errno is LibC.EPIPE or LibC.ECONNRESET or LibC.ENOTCONN
                    ? new GuestPeerGoneException($"guest socket '{Path}': peer went away ({LibC.Describe(errno)})")
                    : new DaemonException($"guest socket '{Path}': send of {message.Length} bytes failed: {LibC.Describe(errno)}");
            }
        }
    }

    /// <summary>
    /// Called when poll reports the socket readable or hung up: discards anything the peer sent and
    /// throws when the peer has closed its end.
    /// </summary>
    /// <exception cref="GuestPeerGoneException">End of stream or a reset.</exception>
    public void CheckPeer(Span<byte> scratch)
    {
        fixed (byte* p = scratch)
        {
            while (true)
            {
                nint n = LibC.Recv(_fd, p, (nuint)scratch.Length, LibC.MSG_DONTWAIT);
                if (n > 0)
                {
                    continue; // The harness has nothing to say to the device; ignore it.
                }
                if (n == 0)
                {
                    throw new GuestPeerGoneException($"guest socket '{Path}': peer closed the connection");
                }
                int errno = LibC.LastError;
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                if (errno == LibC.EAGAIN)
                {
                    return;
                }
                throw errno is LibC.EPIPE or LibC.ECONNRESET or LibC.ENOTCONN
                    ? new GuestPeerGoneException($"guest socket '{Path}': peer went away ({LibC.Describe(errno)})")
                    : new DaemonException($"guest socket '{Path}': receive failed: {LibC.Describe(errno)}");
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
