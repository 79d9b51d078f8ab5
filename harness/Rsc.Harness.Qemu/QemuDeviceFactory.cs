using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;
using Rsc.Harness.Qemu.Host;

namespace Rsc.Harness.Qemu;

/// <summary>
/// Creates a fresh QEMU virtio-net device per case ("qemu", "qemu:interval-us=10000,mrg=on").
/// <see cref="DrainIntervalNs"/> is the interval the options pin (null: the run's interval); the
/// caller is expected to use it as the run's interval for cases that do not pin their own, since
/// the factory only sees the interval the runner already chose.
/// </summary>
public sealed class QemuDeviceFactory : IDeviceFactory
{
    public const string Kind = "qemu";

    public QemuDeviceFactory(string name, QemuDeviceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public QemuDeviceOptions Options { get; }

    /// <summary>QEMU's rsc_interval from <c>interval-us</c>, or null to follow the run.</summary>
    public long? DrainIntervalNs => Options.DrainIntervalNs;

    /// <summary>For the device registry: <paramref name="spec"/> is the whole spelling, <paramref name="options"/> the part after "qemu:".</summary>
    /// <exception cref="ArgumentException">An option is unknown or malformed (one-line reason).</exception>
    [SupportedOSPlatform("linux")]
    public static QemuDeviceFactory Create(string spec, string? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        return new QemuDeviceFactory(spec, QemuDeviceOptions.Parse(spec, options));
    }

    [SupportedOSPlatform("linux")]
    private static readonly Lazy<IReadOnlyList<string>> OrphanSweep = new(() => [.. QemuOrphans.Sweep(), .. LiveNames.SweepOnce()]);

    [SupportedOSPlatform("linux")]
    public async Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuration.DrainIntervalNs);
        cancellationToken.ThrowIfCancellationRequested();
        // A killed run's QEMUs go first, then the TAPs and sockets they held.
        _ = OrphanSweep.Value;
        return await Task.Run(() => QemuDevice.Start(Name, Options, configuration, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
