using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Windows.Cim;
using Rsc.Harness.Windows.Rsc;

namespace Rsc.Harness.Windows.Device;

/// <summary>
/// <c>--dut windows:adapter=NAME,inject=ADAPTER[,switch=NAME,enable=on,mac=MAC]</c>: a Windows
/// adapter's RSC (a physical NIC, a Hyper-V switch's software RSC in front of a vNIC, a NetKVM
/// virtio-net adapter), judged from its RSC counters. Before each case it checks through CIM that
/// RSC is enabled and operational for IPv4 and IPv6 (and that the switch's software RSC is on) and
/// refuses with the failure reason otherwise.
/// </summary>
public sealed class WindowsDeviceFactory : IDeviceFactory
{
    public const string Kind = "windows";

    private readonly Func<ICimSource> _openCim;
    private readonly Func<string, IFrameInjector> _openInjector;
    private readonly IPacedSender _sender;
    private readonly TimeProvider _clock;

    /// <param name="openCim">A fresh CIM source per case (the device disposes it).</param>
    /// <param name="openInjector">Opens the injecting adapter by name.</param>
    public WindowsDeviceFactory(string name, WindowsDeviceOptions options, Func<ICimSource> openCim, Func<string, IFrameInjector> openInjector, IPacedSender sender, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openCim);
        ArgumentNullException.ThrowIfNull(openInjector);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(clock);
        Name = name;
        Options = options;
        _openCim = openCim;
        _openInjector = openInjector;
        _sender = sender;
        _clock = clock;
    }

    public string Name { get; }

    public WindowsDeviceOptions Options { get; }

    /// <summary>The factory on this Windows machine: CIM through MI, frames through Npcap, the live pacer.</summary>
    [SupportedOSPlatform("windows")]
    public static WindowsDeviceFactory Create(string spec, string? options) =>
        new(spec, WindowsDeviceOptions.Parse(spec, options), CimSessionSource.OpenLocal, NpcapInjector.Open, new RealTimeSender(), TimeProvider.System);

    public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Task.Run<IDeviceUnderTest>(() =>
        {
            var cim = Open(_openCim);
            IFrameInjector? injector = null;
            try
            {
                var state = Ready(cim);
                cancellationToken.ThrowIfCancellationRequested();
                injector = _openInjector(Options.Inject);
                return new WindowsRscDevice(InfoFor(configuration, state, injector), configuration, cim, Options.Adapter, Options.DestinationMac, injector, _sender, _clock);
            }
            catch
            {
                injector?.Dispose();
                cim.Dispose();
                throw;
            }
        }, cancellationToken);
    }

    /// <summary>The adapter's state once it is fit to judge; throws <see cref="DeviceFailureException"/> naming why it is not.</summary>
    private AdapterRscState Ready(ICimSource cim)
    {
        try
        {
            var rsc = new NetAdapterRsc(cim);
            var state = rsc.State(Options.Adapter);
            if (Options.Enable && state is { } s && (!s.IPv4.Enabled || !s.IPv6.Enabled))
            {
                rsc.Enable(Options.Adapter, ipv4: true, ipv6: true);
                state = rsc.State(Options.Adapter);
            }
            bool? softwareRsc = Options.Switch is { } name ? new VmSwitchRsc(cim).SoftwareRscEnabled(name) : null;
            if (RscReadiness.Refusal(Options.Adapter, state, Options.Switch, softwareRsc) is { } why)
            {
                throw new DeviceFailureException($"windows: {why}");
            }
            return state!;
        }
        catch (Exception e) when (e is CimDataException or CimCallException)
        {
            throw new DeviceFailureException($"windows: {e.Message}", e);
        }
    }

    private static ICimSource Open(Func<ICimSource> open)
    {
        try
        {
            return open();
        }
        catch (CimCallException e)
        {
            throw new DeviceFailureException($"windows: {e.Message}", e);
        }
    }

    private DeviceInfo InfoFor(DeviceConfiguration configuration, AdapterRscState state, IFrameInjector injector)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["adapter"] = state.Adapter,
            ["adapter-description"] = state.Description,
            ["inject"] = injector.Description,
            ["interval-us"] = (configuration.DrainIntervalNs / 1000.0).ToString(CultureInfo.InvariantCulture),
            ["judged-from"] = "counters only",
        };
        if (Options.Switch is { } name)
        {
            parameters["switch"] = name;
        }
        return new DeviceInfo(Name, Kind, state.Description, TimingMode.Real, DeviceCapabilities.Full, parameters);
    }
}
