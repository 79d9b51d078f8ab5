using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Adapters.DpdkGro;
using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Adapters.ReferenceTap;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.LinuxGro;
using Rsc.Harness.Live.Exec;
using Rsc.Harness.Qemu;
using Rsc.Harness.Windows.Device;

namespace Rsc.Harness.Adapters;

/// <summary>Turns a --dut spelling ("reference", "reference:fault=...") into a device factory.</summary>
public static class DeviceRegistry
{
    /// <summary>Every device's spelling, each from the device's own syntax.</summary>
    public const string Syntax =
        "reference[:fault=NAME[+NAME],max-flows=N] | reference-tap[:same options] | " + ExecDeviceFactory.Syntax
        + " | " + LinuxGroDeviceFactory.Syntax + " | " + QemuDeviceOptions.Syntax + " | " + Qemu10.Syntax
        + " | " + DpdkGroDeviceFactory.Syntax + " | " + WindowsDeviceOptions.Syntax;

    /// <summary>Device kinds a --dut spelling may start with.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
        [ReferenceDeviceFactory.Kind, ReferenceTapDeviceFactory.Kind, ExecDeviceFactory.Kind, LinuxGroDeviceFactory.Kind, QemuDeviceFactory.Kind,
            Qemu10.Kind, DpdkGroDeviceFactory.Kind, WindowsDeviceFactory.Kind];

    /// <summary>Device kinds that drive Linux interfaces (TAP, veth, namespaces, qtest over Unix sockets).</summary>
    public static IReadOnlyList<string> LinuxOnlyKinds { get; } =
        [ReferenceTapDeviceFactory.Kind, ExecDeviceFactory.Kind, LinuxGroDeviceFactory.Kind, QemuDeviceFactory.Kind, Qemu10.Kind, DpdkGroDeviceFactory.Kind];

    /// <summary>Throws <see cref="ArgumentException"/> with a one-line reason for an unknown or malformed spelling, or a device this OS cannot drive.</summary>
    public static IDeviceFactory Create(string dutSpec) => Create(dutSpec, HostPlatforms.Current);

    /// <param name="host">The OS to answer for; a device it cannot drive is refused before its options are read.</param>
    internal static IDeviceFactory Create(string dutSpec, HostPlatform host)
    {
        if (string.IsNullOrWhiteSpace(dutSpec))
        {
            throw new ArgumentException($"empty device spelling; known devices: {string.Join(", ", Kinds)}");
        }
        var spec = dutSpec.Trim();
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        var given = colon < 0 ? spec : spec[..colon];
        var kind = given.ToLowerInvariant();
        var options = colon < 0 ? null : spec[(colon + 1)..];
        if (kind == ReferenceDeviceFactory.Kind)
        {
            var (faults, maxFlows) = ReferenceOptions(spec, options);
            return new ReferenceDeviceFactory(spec, faults, maxFlows ?? ReferenceDeviceFactory.DefaultMaxCachedFlows);
        }
        if (LinuxOnlyKinds.Contains(kind))
        {
            if (host != HostPlatform.Linux || !OperatingSystem.IsLinux())
            {
                throw new ArgumentException(HostPlatforms.NeedsMessage($"device '{kind}'", HostPlatform.Linux, host));
            }
            return CreateLinuxDevice(kind, spec, options);
        }
        if (kind == WindowsDeviceFactory.Kind)
        {
            if (host != HostPlatform.Windows || !OperatingSystem.IsWindows())
            {
                throw new ArgumentException(HostPlatforms.NeedsMessage($"device '{kind}'", HostPlatform.Windows, host));
            }
            return WindowsDeviceFactory.Create(spec, options);
        }
        throw new ArgumentException($"unknown device '{given}'; known devices: {string.Join(", ", Kinds)}");
    }

    [SupportedOSPlatform("linux")]
    private static IDeviceFactory CreateLinuxDevice(string kind, string spec, string? options)
    {
        switch (kind)
        {
            case ReferenceTapDeviceFactory.Kind:
            {
                var (faults, maxFlows) = ReferenceOptions(spec, options);
                return ReferenceTapDeviceFactory.Create(spec, faults, maxFlows);
            }
            case ExecDeviceFactory.Kind:
                return ExecDeviceFactory.Parse(spec, options);
            case LinuxGroDeviceFactory.Kind:
                return LinuxGroDeviceFactory.Create(spec, options);
            case QemuDeviceFactory.Kind:
                return QemuDeviceFactory.Create(spec, options);
            case Qemu10.Kind:
                return Qemu10.Create(spec, options);
            default:
                return DpdkGroDeviceFactory.Create(spec, options);
        }
    }

    private static (List<string> Faults, int? MaxFlows) ReferenceOptions(string spec, string? options)
    {
        var faults = new List<string>();
        int? maxFlows = null;
        foreach (var (key, value) in DeviceOptionList.Parse(spec, options, Syntax, "fault", "faults"))
        {
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
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int flows) || flows <= 0)
                    {
                        throw new ArgumentException($"malformed device '{spec}': max-flows must be a positive integer, not '{value}'");
                    }
                    maxFlows = flows;
                    break;
                default:
                    throw new ArgumentException($"malformed device '{spec}': unknown setting '{key}'; expected {Syntax}");
            }
        }
        return (faults, maxFlows);
    }
}
