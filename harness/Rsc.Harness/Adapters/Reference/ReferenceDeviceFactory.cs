using System.Reflection;
using Rsc.Device;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>Creates a fresh in-process reference device per case ("reference", "reference:fault=NAME[+NAME]").</summary>
public sealed class ReferenceDeviceFactory : IDeviceFactory
{
    public const string Kind = "reference";
    public const int DefaultMaxCachedFlows = 1024;
    public const int MaxIpDatagram = 65535;

    public ReferenceDeviceFactory(string name = Kind, IReadOnlyList<string>? faults = null, int maxCachedFlows = DefaultMaxCachedFlows)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCachedFlows);
        Faults = faults ?? [];
        foreach (var f in Faults)
        {
            ReferenceFaults.Validate(f);
        }
        Name = name;
        MaxCachedFlows = maxCachedFlows;
    }

    public string Name { get; }

    public IReadOnlyList<string> Faults { get; }

    public int MaxCachedFlows { get; }

    /// <summary>The engine's informational version (falls back to its assembly version).</summary>
    public static string EngineVersion { get; } = VersionOf(typeof(RscEngine).Assembly);

    public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuration.DrainIntervalNs);
        cancellationToken.ThrowIfCancellationRequested();
        var options = ReferenceFaults.Apply(
            new RscEngineOptions
            {
                DrainInterval = TimeSpan.FromTicks(VirtualClock.CeilingTicks(configuration.DrainIntervalNs)),
                MaxCachedFlows = MaxCachedFlows,
                MaxIpDatagram = MaxIpDatagram,
            },
            Faults);
        var info = new DeviceInfo(
            Name,
            Kind,
            EngineVersion,
            TimingMode.Virtual,
            DeviceCapabilities.Full,
            ReferenceDevice.Parameters(configuration, Faults, MaxCachedFlows));
        IDeviceUnderTest device = new ReferenceDevice(info, configuration, (clock, sink) => new RscEngineHost(options, clock, sink));
        return Task.FromResult(device);
    }

    internal static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
