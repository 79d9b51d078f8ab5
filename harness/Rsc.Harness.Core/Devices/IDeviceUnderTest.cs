using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Core.Devices;

/// <summary>
/// A device under test, configured and ready. The harness plays the network on one side and the
/// guest on the other: <see cref="RunAsync"/> sends a case's traffic on its schedule and returns
/// what the guest received. Implementations: the in-process reference device (virtual time), the
/// reference device behind a TAP, external processes, QEMU, Linux GRO.
/// </summary>
public interface IDeviceUnderTest : IAsyncDisposable
{
    DeviceInfo Info { get; }

    /// <summary>
    /// Sends every frame of <paramref name="plan"/> at its deadline, keeps watching the guest side
    /// until the device has had time to drain, and returns both sides. Throws
    /// <see cref="DeviceFailureException"/> when the device itself broke (crashed, hung, spoke garbage).
    /// </summary>
    Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken);
}
