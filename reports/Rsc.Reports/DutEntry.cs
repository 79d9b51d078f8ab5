using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;

namespace Rsc.Reports;

/// <summary>The device under test as results record it.</summary>
public sealed record DutEntry
{
    public required string Name { get; init; }
    public string? Kind { get; init; }
    public string? Version { get; init; }
    public TimingMode? Timing { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public DeviceCapabilities? Capabilities { get; init; }

    /// <summary>Only the --dut spelling, before any device was created.</summary>
    public static DutEntry Unknown(string name) => new() { Name = name };

    public static DutEntry From(DeviceInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new DutEntry
        {
            Name = info.Name,
            Kind = info.Kind,
            Version = info.Version,
            Timing = info.Timing,
            Parameters = new SortedDictionary<string, string>(info.Parameters.ToDictionary(), StringComparer.Ordinal),
            Capabilities = info.Capabilities,
        };
    }
}
