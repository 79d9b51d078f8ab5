using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Rsc.Harness.Live;

/// <summary>
/// A Unix socket a device connects to (the guest socket, QEMU's qtest socket): listens on a path
/// (a stale file there is replaced) and accepts one connection within a deadline.
/// </summary>
[SupportedOSPlatform("linux")]
public static class UnixListener
{
    /// <exception cref="SocketException">The path cannot be bound.</exception>
    public static Socket Listen(string path, SocketType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        var listener = new Socket(AddressFamily.Unix, type, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        return listener;
    }

    /// <summary>The first connection within <paramref name="timeout"/>; null on timeout or as soon as <paramref name="giveUp"/> says so.</summary>
    public static Socket? Accept(Socket listener, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (listener.Poll(20_000, SelectMode.SelectRead))
            {
                return listener.Accept();
            }
            if (giveUp?.Invoke() == true)
            {
                return null;
            }
        }
        return null;
    }
}
