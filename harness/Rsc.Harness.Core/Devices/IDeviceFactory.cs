namespace Rsc.Harness.Core.Devices;

/// <summary>Creates a fresh, configured device for each case, so one case's breakage never leaks into the next.</summary>
public interface IDeviceFactory
{
    /// <summary>The --dut spelling this factory answers to.</summary>
    string Name { get; }

    Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken);
}
