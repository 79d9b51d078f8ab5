using Rsc.Harness.Core.Capture;

namespace Rsc.Harness.Core.Devices;

/// <summary>What results record about a device: who it is and how it was configured.</summary>
/// <param name="Name">The --dut spelling, e.g. "reference" or "reference:fault=psh-from-last".</param>
/// <param name="Kind">Adapter kind, e.g. "reference", "exec", "qemu".</param>
/// <param name="Version">Implementation version where known.</param>
/// <param name="Timing">Virtual or real clock.</param>
/// <param name="Capabilities">What the device claims to do; the oracle only demands what is claimed.</param>
/// <param name="Parameters">Anything else worth recording (interval, faults, features negotiated).</param>
public sealed record DeviceInfo(
    string Name,
    string Kind,
    string Version,
    TimingMode Timing,
    DeviceCapabilities Capabilities,
    IReadOnlyDictionary<string, string> Parameters);
