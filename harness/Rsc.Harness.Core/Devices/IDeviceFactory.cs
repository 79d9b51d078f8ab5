namespace Rsc.Harness.Core.Devices;

/// <summary>Creates a fresh, configured device for each case, so one case's breakage never leaks into the next.</summary>
public interface IDeviceFactory
{
    /// <summary>The --dut spelling this factory answers to.</summary>
    string Name { get; }

    /// <summary>
    /// A drain interval the device's spelling fixes (e.g. <c>qemu:interval-us=N</c>): it replaces the
    /// run's interval for cases that do not pin their own. Null when the run decides.
    /// </summary>
    long? DrainIntervalNs => null;

    Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken);
}
