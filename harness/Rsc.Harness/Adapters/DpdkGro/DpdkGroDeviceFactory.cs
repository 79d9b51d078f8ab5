using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;
using Rsc.Harness.Live.Exec;

namespace Rsc.Harness.Adapters.DpdkGro;

/// <summary>
/// <c>--dut dpdk-gro</c>: DPDK's GRO library (heavyweight mode, a context and timeout flushes) as a
/// device, through the external-device contract: exactly <c>exec:</c> of the small C program in
/// <c>device/dpdk-gro</c>, built with make into <c>out/dpdk-gro</c> on first use. Judged with the
/// profile in <see cref="DpdkGroCapabilities"/>.
/// </summary>
public sealed class DpdkGroDeviceFactory : IDeviceFactory
{
    public const string Kind = "dpdk-gro";

    public const string Syntax = "dpdk-gro[:binary=PATH,max-flows=N,items-per-flow=N]";

    /// <summary>The program's name, in out/dpdk-gro once built.</summary>
    public const string ProgramName = "rsc-dpdk-gro";

    private readonly Lazy<ExecDeviceFactory> _exec;

    [SupportedOSPlatform("linux")]
    private DpdkGroDeviceFactory(string name, string? binary, int? maxFlows, int? itemsPerFlow)
    {
        Name = name;
        Binary = binary;
        MaxFlows = maxFlows;
        ItemsPerFlow = itemsPerFlow;
        _exec = new Lazy<ExecDeviceFactory>(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    /// <summary>The program given with <c>binary=</c>; null for the one built from this checkout.</summary>
    public string? Binary { get; }

    /// <summary>rte_gro_param.max_flow_num (the program's default: 1024).</summary>
    public int? MaxFlows { get; }

    /// <summary>rte_gro_param.max_item_per_flow (the program's default: 32).</summary>
    public int? ItemsPerFlow { get; }

    /// <summary>For the device registry: <paramref name="options"/> is the part after "dpdk-gro:".</summary>
    /// <exception cref="ArgumentException">An option is unknown or malformed (one-line reason).</exception>
    [SupportedOSPlatform("linux")]
    public static DpdkGroDeviceFactory Create(string spec, string? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        string? binary = null;
        int? maxFlows = null, itemsPerFlow = null;
        foreach (var (key, value) in DeviceOptionList.Parse(spec, options, Syntax))
        {
            switch (key)
            {
                case "binary":
                    binary = value;
                    break;
                case "max-flows":
                    maxFlows = PositiveInt(spec, key, value);
                    break;
                case "items-per-flow":
                    itemsPerFlow = PositiveInt(spec, key, value);
                    break;
                default:
                    throw new ArgumentException($"malformed device '{spec}': unknown setting '{key}'; expected {Syntax}");
            }
        }
        return new DpdkGroDeviceFactory(spec, binary, maxFlows, itemsPerFlow);
    }

    [SupportedOSPlatform("linux")]
    public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ExecDeviceFactory exec;
        try
        {
            exec = _exec.Value;
        }
        catch (LiveSetupException e)
        {
            throw new DeviceFailureException(e.Message, e);
        }
        return exec.CreateAsync(configuration, cancellationToken);
    }

    /// <summary>Builds the program when needed, asks it for DPDK's version and makes the exec factory.</summary>
    [SupportedOSPlatform("linux")]
    private ExecDeviceFactory Prepare()
    {
        var program = Binary is { } given ? Path.GetFullPath(given) : DpdkGroBuild.EnsureBuilt();
        if (!File.Exists(program))
        {
            throw new LiveSetupException($"dpdk-gro program '{program}' does not exist");
        }
        var command = "exec " + Quote(program);
        if (MaxFlows is { } flows)
        {
            command += " --max-flows " + flows.ToString(CultureInfo.InvariantCulture);
        }
        if (ItemsPerFlow is { } items)
        {
            command += " --max-items-per-flow " + items.ToString(CultureInfo.InvariantCulture);
        }
        return new ExecDeviceFactory(Name, command, Kind, DpdkGroBuild.VersionOf(program), DpdkGroCapabilities.Profile);
    }

    private static int PositiveInt(string spec, string key, string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0 || n > ushort.MaxValue)
        {
            throw new ArgumentException($"malformed device '{spec}': {key} must be an integer from 1 to {ushort.MaxValue}, not '{value}'");
        }
        return n;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
