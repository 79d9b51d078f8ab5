using System.Globalization;
using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Adapters;

/// <summary>Turns a --dut spelling ("reference", "reference:fault=...") into a device factory.</summary>
public static class DeviceRegistry
{
    public const string Syntax = "reference[:KEY=VALUE[,KEY=VALUE]] with fault=NAME[+NAME] and max-flows=N";

    /// <summary>Device kinds a --dut spelling may start with.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [ReferenceDeviceFactory.Kind];

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for an unknown or malformed spelling.</summary>
    public static IDeviceFactory Create(string dutSpec)
    {
        if (string.IsNullOrWhiteSpace(dutSpec))
        {
            throw new ArgumentException($"empty device spelling; known devices: {string.Join(", ", Kinds)}");
        }
        var spec = dutSpec.Trim();
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? spec : spec[..colon];
        var options = colon < 0 ? null : spec[(colon + 1)..];
        if (!string.Equals(kind, ReferenceDeviceFactory.Kind, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"unknown device '{kind}'; known devices: {string.Join(", ", Kinds)}");
        }
        return CreateReference(spec, options);
    }

    private static ReferenceDeviceFactory CreateReference(string spec, string? options)
    {
        var faults = new List<string>();
        int maxFlows = ReferenceDeviceFactory.DefaultMaxCachedFlows;
        if (options is not null)
        {
            foreach (var option in options.Split(',', StringSplitOptions.TrimEntries))
            {
                int eq = option.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == option.Length - 1)
                {
                    throw new ArgumentException($"malformed device '{spec}': '{option}' is not KEY=VALUE; expected {Syntax}");
                }
                var key = option[..eq].Trim();
                var value = option[(eq + 1)..].Trim();
                switch (key)
                {
                    case "fault":
                    case "faults":
                        foreach (var name in value.Split('+', StringSplitOptions.TrimEntries))
                        {
                            if (name.Length == 0)
                            {
                                throw new ArgumentException($"malformed device '{spec}': empty fault name; expected {Syntax}");
                            }
                            ReferenceFaults.Validate(name);
                            faults.Add(name);
                        }
                        break;
                    case "max-flows":
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxFlows) || maxFlows <= 0)
                        {
                            throw new ArgumentException($"malformed device '{spec}': max-flows must be a positive integer, not '{value}'");
                        }
                        break;
                    default:
                        throw new ArgumentException($"malformed device '{spec}': unknown setting '{key}'; expected {Syntax}");
                }
            }
        }
        return new ReferenceDeviceFactory(spec, faults, maxFlows);
    }
}
