namespace Rsc.Harness.Live;

/// <summary>The machine could not give a live device what it needs (an interface, a namespace, a socket, a command).</summary>
public sealed class LiveSetupException : Exception
{
    public LiveSetupException(string message)
        : base(message)
    {
    }

    public LiveSetupException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
