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

    /// <summary>Deliberate defects for proving the conformance cases; <see cref="RscFault.None"/> unless a case asks.</summary>
    public RscFault Faults { get; init; } = RscFault.None;

    /// <summary>Upper bound accepted for <see cref="MaxCachedFlows"/>.</summary>
    public const int MaxCachedFlowsLimit = 1 << 20;

    /// <summary>Smallest <see cref="MaxIpDatagram"/> accepted: room for the largest IPv6 + TCP header and data.</summary>
    public const int MinIpDatagram = 128;

    internal void Validate()
    {
        if (DrainInterval <= TimeSpan.Zero || DrainInterval == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(DrainInterval), DrainInterval, "must be a positive, finite interval");
        }
        if (MaxCachedFlows is < 0 or > MaxCachedFlowsLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCachedFlows), MaxCachedFlows, $"must be between 0 and {MaxCachedFlowsLimit}");
        }
        if (MaxIpDatagram is < MinIpDatagram or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIpDatagram), MaxIpDatagram, $"must be between {MinIpDatagram} and 65535");
        }
    }
}
