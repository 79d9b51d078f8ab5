using System.Net.Sockets;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>One guest frame as the daemon sent it: the virtio header and the parsed Ethernet frame.</summary>
internal sealed record GuestMessage(VirtioNetHeader Header, ParsedPacket Packet, long ReceivedTimestamp);

/// <summary>
/// The harness's end of the guest socket: listens on a SOCK_SEQPACKET socket in a temporary folder,
/// accepts the daemon's connection and reads one message per guest frame.
/// </summary>
internal sealed class GuestListener : IDisposable
{
    private readonly string _folder;
    private readonly Socket _listener;
    private readonly byte[] _buffer = new byte[70_000];
    private Socket? _connection;

    public GuestListener()
    {
        _folder = Directory.CreateTempSubdirectory("rscd-").FullName;
        Path = System.IO.Path.Combine(_folder, "guest.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
    }

    public string Path { get; }

    /// <summary>Waits for the daemon to connect (it attaches the TAP first, so the TAP is held once this returns).</summary>
    public void Accept(TimeSpan timeout)
    {
        Assert.That(_listener.Poll(timeout, SelectMode.SelectRead), Is.True, $"the daemon did not connect to {Path} within {timeout.TotalSeconds} s");
        _connection = _listener.Accept();
    }

    /// <summary>The next message, or null when none arrives within <paramref name="timeout"/>.</summary>
    public GuestMessage? Receive(TimeSpan timeout)
    {
        var connection = _connection ?? throw new InvalidOperationException("not connected");
        if (!connection.Poll(timeout, SelectMode.SelectRead))
        {
            return null;
        }
        long at = System.Diagnostics.Stopwatch.GetTimestamp();
        int n = connection.Receive(_buffer);
        if (n == 0)
        {
            return null;
        }
        Assert.That(n, Is.GreaterThanOrEqualTo(VirtioNetHeader.Size + 14), "a guest message is a 12-byte header and an Ethernet frame");
        var header = VirtioNetHeader.Read(_buffer);
        var frame = _buffer.AsSpan(VirtioNetHeader.Size, n - VirtioNetHeader.Size).ToArray();
        return new GuestMessage(header, PacketParser.Parse(frame), at);
    }

    /// <summary>The next message of <paramref name="flow"/> (matched on its ports), skipping anything else.</summary>
    public GuestMessage? ReceiveTcp(FlowSpec flow, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }
            var message = Receive(left);
            if (message is null || (message.Packet.IsTcp && message.Packet.SourcePort == flow.SourcePort && message.Packet.DestinationPort == flow.DestinationPort))
            {
                return message;
            }
        }
    }

    /// <summary>Closes the accepted connection: the daemon sees its peer go away.</summary>
    public void Hangup()
    {
        _connection?.Close();
        _connection = null;
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _listener.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
