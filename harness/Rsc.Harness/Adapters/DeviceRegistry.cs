using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Adapters;

/// <summary>Turns a --dut spelling ("reference", "reference:fault=...") into a device factory.</summary>
public static class DeviceRegistry
{
    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for an unknown or malformed spelling.</summary>
    public static IDeviceFactory Create(string dutSpec) => throw new NotImplementedException();
}
