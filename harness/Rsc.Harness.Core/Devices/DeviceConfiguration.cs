namespace Rsc.Harness.Core.Devices;

/// <summary>How the harness asks for a device to be set up for one case.</summary>
/// <param name="DrainIntervalNs">The device's coalescing (drain) interval; QEMU's rsc_interval default is 300 us.</param>
/// <param name="SettleNs">How long after the last frame the guest side is still watched, beyond the interval.</param>
public sealed record DeviceConfiguration(long DrainIntervalNs = DeviceConfiguration.DefaultDrainIntervalNs, long SettleNs = DeviceConfiguration.DefaultSettleNs)
{
    public const long DefaultDrainIntervalNs = 300_000;
    public const long DefaultSettleNs = 2_000_000;
}
