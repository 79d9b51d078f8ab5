using System.Net.Sockets;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Live;

/// <summary>
/// The harness end of the guest socket: a Unix SOCK_SEQPACKET socket the device connects to and
/// sends one message per guest frame on (<see cref="GuestMessage"/>). Disposing removes the file.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GuestSocket : IGuestFrameSource, IDisposable
{
    private readonly Socket _listener;
    private Socket? _connection;
    private readonly byte[] _buffer = new byte[GuestMessage.MaxLength + 1];
    private int _received;
    private bool _stamped;

    private GuestSocket(string path, Socket listener)
    {
        Path = path;
        _listener = listener;
    }

    public string Path { get; }

    public bool IsConnected => _connection is not null;

    /// <summary>Listens on a fresh path from <see cref="LiveNames.NextSocketPath"/>.</summary>
    public static GuestSocket Listen() => Listen(LiveNames.NextSocketPath());

    public static GuestSocket Listen(string path)
    {
        try
        {
            return new GuestSocket(path, UnixListener.Listen(path, SocketType.Seqpacket));
        }
        catch (SocketException e)
        {
            throw new LiveSetupException($"cannot listen on {path}: {e.Message}", e);
        }
    }

    /// <summary>Waits for the device to connect; false on timeout or when <paramref name="giveUp"/> says so.</summary>
    public bool Accept(TimeSpan timeout, Func<bool>? giveUp = null)
    {
        if (_connection is not null)
        {
            return true;
        }
        _connection = UnixListener.Accept(_listener, timeout, giveUp);
        if (_connection is null)
        {
            return false;
        }
        _stamped = Linux.StampedReceive.Enable((int)_connection.Handle);
        return true;
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for one guest frame; null on timeout. Throws
    /// <see cref="DeviceFailureException"/> when the device closed the socket or sent garbage.
    /// </summary>
    public (Core.Virtio.VirtioNetHeader Header, byte[] Frame)? Receive(int timeoutMs)
    {
        var connection = _connection ?? throw new InvalidOperationException("no device connected");
        if (!connection.Poll(timeoutMs * 1000, SelectMode.SelectRead))
        {
            return null;
        }
        int n = ReceiveStamped(connection);
        if (n < 0)
        {
            return null;
        }
        if (n == 0)
        {
            throw new DeviceClosedSocketException();
        }
        int index = _received++;
        return GuestMessage.Parse(_buffer.AsSpan(0, n), index);
    }

    /// <summary>
    /// The kernel's stamp of the frame <see cref="Receive"/> last returned: when the device's send
    /// queued it on this socket, whatever the collecting thread was doing then.
    /// </summary>
    public long? DeliveredNotBeforeTimestamp { get; private set; }

    private unsafe int ReceiveStamped(Socket connection)
    {
        nint n = Linux.StampedReceive.Receive((int)connection.Handle, _buffer, Linux.LibC.MSG_DONTWAIT, null, 0, out long stamp);
        if (n < 0)
        {
            if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() is Linux.LibC.EAGAIN or Linux.LibC.EINTR)
            {
                return -1;
            }
            throw new DeviceFailureException($"guest socket failed: {Linux.LibC.LastError()}");
        }
        DeliveredNotBeforeTimestamp = _stamped && stamp != 0 ? stamp : null;
        return (int)Math.Min(n, _buffer.Length);
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _listener.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Left for the sweep.
        }
    }
}

/// <summary>The device closed its end of the guest socket (usually: it exited).</summary>
[SupportedOSPlatform("linux")]
public sealed class DeviceClosedSocketException : Exception
{
    public DeviceClosedSocketException()
        : base("the device closed the guest socket")
    {
    }

    public DeviceClosedSocketException(string message)
        : base(message)
    {
    }

    public DeviceClosedSocketException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
