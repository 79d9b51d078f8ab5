namespace Rsc.Device;

/// <summary>The reference RSC engine (contract only; implementation in progress).</summary>
public sealed class RscEngine : IDisposable
{
    public RscEngine(RscEngineOptions options, TimeProvider timeProvider, IGuestSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(sink);
    }

    /// <summary>Processes one Ethernet frame from the wire. Never throws on malformed input.</summary>
    public void Receive(ReadOnlySpan<byte> frame) => throw new NotImplementedException();

    /// <summary>Delivers everything cached, now.</summary>
    public void Flush() => throw new NotImplementedException();

    /// <summary>Units currently cached (one per flow).</summary>
    public int CachedUnits => 0;

    public RscStatistics Statistics { get; } = new();

    public void Dispose()
    {
    }
}
