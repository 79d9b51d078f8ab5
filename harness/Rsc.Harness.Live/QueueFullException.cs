namespace Rsc.Harness.Live;

/// <summary>An interface's transmit queue stayed full: whoever should read it (the device) does not.</summary>
public sealed class QueueFullException : Exception
{
    public QueueFullException(string message)
        : base(message)
    {
    }

    public QueueFullException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
