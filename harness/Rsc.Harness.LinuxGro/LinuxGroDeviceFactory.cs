using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;

namespace Rsc.Harness.LinuxGro;

/// <summary>Creates a fresh Linux GRO device (namespaces, veth pair, sockets) per case: <c>--dut linux-gro</c>.</summary>
public sealed class LinuxGroDeviceFactory : IDeviceFactory
{
    public const string Kind = "linux-gro";

    public const string Syntax = "linux-gro";

    private LinuxGroDeviceFactory(string name) => Name = name;

    public string Name { get; }

    /// <summary>
    /// The factory for a --dut spelling whose kind is linux-gro. Throws <see cref="ArgumentException"/>
    /// with a one-line reason for options (it takes none: the interval comes from each case).
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static LinuxGroDeviceFactory Create(string spec, string? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (!string.IsNullOrWhiteSpace(options))
        {
            throw new ArgumentException($"malformed device '{spec}': linux-gro takes no options (the flush timeout is each case's drain interval); expected {Syntax}");
        }
        return new LinuxGroDeviceFactory(spec.Trim());
    }

    [SupportedOSPlatform("linux")]
    public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuration.DrainIntervalNs);
        cancellationToken.ThrowIfCancellationRequested();
        _ = LiveNames.SweepOnce();
        // Set-up runs host tools for a few hundred ms: keep it off the caller's thread. A caller that
        // gives up half-way (case timeout) never sees the device, so a cancelled set-up removes
        // everything itself, between steps or once it is complete.
        return Task.Run<IDeviceUnderTest>(() =>
        {
            LinuxGroDevice device;
            try
            {
                device = LinuxGroDevice.Create(Name, configuration, _ => cancellationToken.ThrowIfCancellationRequested());
            }
            catch (LiveSetupException e)
            {
                throw new DeviceFailureException($"linux-gro set-up failed: {e.Message}", e);
            }
            if (cancellationToken.IsCancellationRequested)
            {
                device.DisposeAsync().AsTask().GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
            }
            return device;
        }, cancellationToken);
    }
}
