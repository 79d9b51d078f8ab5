using System.Runtime.Versioning;
using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>
/// An AF_PACKET raw socket bound to one interface: sends whole Ethernet frames into it and receives
/// what arrives on it (outgoing frames ignored). Opened in the calling thread's network namespace
/// (see <see cref="NetworkNamespace.Run{T}"/>).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed unsafe class PacketSocket : IDisposable
{
    private int _fd;

    private PacketSocket(int fd, string interfaceName, bool vnetHeader)
    {
        _fd = fd;
        InterfaceName = interfaceName;
        VnetHeader = vnetHeader;
    }

    public string InterfaceName { get; }

    /// <summary>Received packets start with a 10-byte virtio_net_hdr (PACKET_VNET_HDR).</summary>
    public bool VnetHeader { get; }

    /// <param name="interfaceName">An interface this run created.</param>
    /// <param name="vnetHeader">Ask the kernel for a virtio_net_hdr in front of each received packet (GRO packets arrive whole).</param>
    /// <param name="qdiscBypass">
    /// Frames skip the qdisc (less jitter), and with it the kernel's packet taps: libpcap on the
    /// interface then sees none of them. Off where the wire is captured.
    /// </param>
    public static PacketSocket Open(string interfaceName, bool vnetHeader = false, bool qdiscBypass = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        uint index = LibC.if_nametoindex(interfaceName);
        if (index == 0)
        {
            throw new LiveSetupException($"no interface '{interfaceName}': {LibC.LastError()}");
        }
        ushort protocol = LibC.HostToNetwork(LibC.ETH_P_ALL);
        int fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            throw new LiveSetupException($"cannot open an AF_PACKET socket: {LibC.LastError()}");
        }
        var socket = new PacketSocket(fd, interfaceName, vnetHeader);
        try
        {
            int one = 1;
            int buffer = 8 << 20;
            // Frames leave without queueing behind a qdisc: less jitter on the paced path.
            if (qdiscBypass)
            {
                socket.SetOption(LibC.SOL_PACKET, LibC.PACKET_QDISC_BYPASS, one, "PACKET_QDISC_BYPASS");
            }
            socket.SetOption(LibC.SOL_PACKET, LibC.PACKET_IGNORE_OUTGOING, one, "PACKET_IGNORE_OUTGOING");
            socket.SetOption(LibC.SOL_SOCKET, LibC.SO_RCVBUF, buffer, "SO_RCVBUF");
            socket.SetOption(LibC.SOL_SOCKET, LibC.SO_SNDBUF, buffer, "SO_SNDBUF");
            if (vnetHeader)
            {
                socket.SetOption(LibC.SOL_PACKET, LibC.PACKET_VNET_HDR, one, "PACKET_VNET_HDR");
            }
            socket.SetOption(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, one, "SO_TIMESTAMPNS");
            var address = new LibC.SockAddrLl { Family = LibC.AF_PACKET, Protocol = protocol, IfIndex = (int)index };
            if (LibC.bind(fd, &address, sizeof(LibC.SockAddrLl)) < 0)
            {
                throw new LiveSetupException($"cannot bind an AF_PACKET socket to {interfaceName}: {LibC.LastError()}");
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return socket;
    }

    /// <summary>How long a send waits for room when the interface's queue is full before it gives up.</summary>
    public static readonly TimeSpan QueueFullTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Sends one whole Ethernet frame (with a 10-byte virtio_net_hdr first when <see cref="VnetHeader"/>).
    /// A full queue (the device is not reading fast enough) delays the send, which the recorded send
    /// time shows; after <see cref="QueueFullTimeout"/> it is a <see cref="QueueFullException"/>.
    /// </summary>
    public void Send(ReadOnlySpan<byte> frame)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        long waitingSince = 0;
        fixed (byte* p = frame)
        {
            while (true)
            {
                nint n = LibC.send(_fd, p, frame.Length, 0);
                if (n >= 0)
                {
                    return;
                }
                int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                if (errno is LibC.ENOBUFS or LibC.EAGAIN)
                {
                    long now = System.Diagnostics.Stopwatch.GetTimestamp();
                    waitingSince = waitingSince == 0 ? now : waitingSince;
                    if (System.Diagnostics.Stopwatch.GetElapsedTime(waitingSince, now) > QueueFullTimeout)
                    {
                        throw new QueueFullException($"{InterfaceName}'s queue stayed full for {QueueFullTimeout.TotalMilliseconds:0} ms: the device is not reading it");
                    }
                    Thread.SpinWait(50);
                    continue;
                }
                throw new LiveSetupException($"send on {InterfaceName} failed: {LibC.LastError()}");
            }
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for one packet; returns its length (0 on timeout). A
    /// packet longer than the buffer is reported with its full length, negated.
    /// </summary>
    public int Receive(Span<byte> buffer, int timeoutMs)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        var poll = new LibC.PollFd { Fd = _fd, Events = LibC.POLLIN };
        int ready = LibC.poll(&poll, 1, timeoutMs);
        if (ready < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == LibC.EINTR)
            {
                return 0;
            }
            throw new LiveSetupException($"poll on {InterfaceName} failed: {LibC.LastError()}");
        }
        if (ready == 0)
        {
            return 0;
        }
        var from = default(LibC.SockAddrLl);
        int fromLength = sizeof(LibC.SockAddrLl);
        nint n = StampedReceive.Receive(_fd, buffer, LibC.MSG_DONTWAIT | LibC.MSG_TRUNC, &from, fromLength, out long stamp);
        if (n < 0)
        {
            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            if (errno is LibC.EAGAIN or LibC.EINTR)
            {
                return 0;
            }
            throw new LiveSetupException($"receive on {InterfaceName} failed: {LibC.LastError()}");
        }
        if (from.PktType == LibC.PACKET_OUTGOING)
        {
            return 0;
        }
        LastReceivedTimestamp = stamp == 0 ? null : stamp;
        return n > buffer.Length ? -(int)n : (int)n;
    }

    /// <summary>The kernel's receive stamp (Stopwatch clock) of the packet <see cref="Receive"/> last returned.</summary>
    public long? LastReceivedTimestamp { get; private set; }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            LibC.close(fd);
        }
    }

    private void SetOption(int level, int name, int value, string what)
    {
        if (LibC.setsockopt(_fd, level, name, &value, sizeof(int)) < 0)
        {
            throw new LiveSetupException($"cannot set {what} on {InterfaceName}: {LibC.LastError()}");
        }
    }
}
