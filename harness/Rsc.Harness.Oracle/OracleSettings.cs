using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Oracle;

/// <summary>What the oracle needs to know about the run, never how the device works.</summary>
public sealed record OracleSettings
{
    /// <summary>The device's configured drain interval; no segment may be held longer (plus tolerance).</summary>
    public required long DrainIntervalNs { get; init; }

    /// <summary>Extra delay tolerated on top of the interval: 0 on virtual time; measured jitter on real time.</summary>
    public long LatencyToleranceNs { get; init; }

    /// <summary>Largest IP datagram a coalesced frame may form (RFC 791: 65535).</summary>
    public int MaxIpDatagram { get; init; } = 65535;

    public DeviceCapabilities Capabilities { get; init; } = DeviceCapabilities.Full;

    public TimingMode Timing { get; init; } = TimingMode.Virtual;

    /// <summary>Findings kept per rule and severity; the rest are folded into one summary finding.</summary>
    public int MaxFindingsPerRule { get; init; } = 20;
}
