namespace Rsc.Device;

/// <summary>Configuration of the reference coalescing engine.</summary>
public sealed record RscEngineOptions
{
    /// <summary>Drain timer interval; QEMU's rsc_interval default is 300 us.</summary>
    public TimeSpan DrainInterval { get; init; } = TimeSpan.FromMicroseconds(300);

    /// <summary>Cap on cached units (one per flow); past it the resource-shortage exception applies.</summary>
    public int MaxCachedFlows { get; init; } = 1024;

    /// <summary>Largest IP datagram a unit may grow to.</summary>
    public int MaxIpDatagram { get; init; } = 65535;
}
