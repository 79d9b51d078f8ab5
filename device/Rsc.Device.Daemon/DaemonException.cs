namespace Rsc.Device.Daemon;

/// <summary>A runtime failure of the daemon (TAP, guest socket, system call): one line, exit code 1.</summary>
public class DaemonException : Exception
{
    public DaemonException(string message)
        : base(message)
    {
    }

    public DaemonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The guest socket's peer went away (EPIPE, ECONNRESET or end of stream).</summary>
public sealed class GuestPeerGoneException(string message) : DaemonException(message);

/// <summary>The daemon's options are wrong: one line, exit code 2.</summary>
public sealed class DaemonUsageException(string message) : Exception(message);
