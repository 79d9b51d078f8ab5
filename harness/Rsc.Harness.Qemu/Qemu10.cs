using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Qemu;

/// <summary>
/// <c>--dut qemu-10</c>: the same device and options as <c>qemu</c>, run with the QEMU 10 that
/// <c>.ci/run</c> unpacks from Debian's bookworm-backports into <see cref="Prefix"/> beside the
/// system's QEMU 7.2. <c>binary=PATH</c> still chooses another. Results record the version the
/// binary reports.
/// </summary>
public static class Qemu10
{
    public const string Kind = "qemu-10";

    public const string Syntax = "qemu-10[:same options as qemu]";

    /// <summary>Where .ci/run unpacks qemu-system-x86, -common and -data from bookworm-backports.</summary>
    public const string Prefix = "/opt/rsc/qemu-10";

    public const string DefaultBinary = Prefix + "/usr/bin/qemu-system-x86_64";

    /// <summary>As <see cref="QemuDeviceFactory.Create"/>, with <see cref="DefaultBinary"/> unless <c>binary=</c> is given.</summary>
    /// <exception cref="ArgumentException">An option is unknown or malformed (one-line reason).</exception>
    [SupportedOSPlatform("linux")]
    public static QemuDeviceFactory Create(string spec, string? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        var parsed = QemuDeviceOptions.Parse(spec, options);
        bool binaryGiven = DeviceOptionList.Parse(spec, options, Syntax).Any(setting => setting.Key == "binary");
        return new QemuDeviceFactory(spec, binaryGiven ? parsed : parsed with { Binary = DefaultBinary });
    }

    /// <summary>Why QEMU 10 cannot be used here, or null when its binary is in place.</summary>
    public static string? WhyUnavailable() => File.Exists(DefaultBinary)
        ? null
        : $"QEMU 10 is not installed at {Prefix} (bash .ci/run unpacks it there as root from bookworm-backports)";
}
