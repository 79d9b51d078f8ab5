using Rsc.Harness.Adapters;
using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Cases;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Running;
using Rsc.TestCases;

namespace Rsc.Cli;

/// <summary>What the commands work with: the catalogue, how devices and runners are made, the clock and the console.</summary>
public sealed record CliEnvironment
{
    public required IReadOnlyList<ConformanceCase> Cases { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Turns a --dut spelling into a factory; throws <see cref="ArgumentException"/> on a bad one.</summary>
    public Func<string, IDeviceFactory> CreateFactory { get; init; } = DeviceRegistry.Create;

    /// <summary>Makes the runner for a run; null means the standard one on <see cref="Clock"/>.</summary>
    public Func<IDeviceFactory, RunOptions, ConformanceRunner>? CreateRunner { get; init; }

    /// <summary>The reference device's fault names `rsc faults` runs by default and accepts for --fault.</summary>
    public IReadOnlyList<string> Faults { get; init; } = ReferenceFaults.Names;

    /// <summary>How many cases of one device configuration `rsc faults` runs at once; null means its default.</summary>
    public int? MatrixParallelism { get; init; }

    /// <summary>The OS this runs on, as far as commands that drive Linux or Windows devices care (tests pretend another).</summary>
    public HostPlatform Host { get; init; } = HostPlatforms.Current;

    /// <summary>Names default output folders and measures durations.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (RSC_DUT, RSC_TAP, ...); null when unset.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>A person's terminal for live progress and colour; null prints the plain line-per-case log (see <see cref="Terminal.OutputMode"/>).</summary>
    public Spectre.Console.IAnsiConsole? Terminal { get; init; }

    /// <summary>Which signal stopped the run ("SIGINT", "SIGTERM"), for results.json; null when unknown.</summary>
    public Func<string?> InterruptSignal { get; init; } = () => null;

    public static CliEnvironment Standard(TextWriter stdout, TextWriter stderr) =>
        new() { Cases = Catalogue.All, Out = stdout, Error = stderr };

    /// <summary>A variable's value, or null when it is unset or empty.</summary>
    public string? Variable(string name) => Variables(name) is { Length: > 0 } value ? value : null;

    public ConformanceRunner Runner(IDeviceFactory factory, RunOptions options) =>
        CreateRunner is { } create ? create(factory, options) : new ConformanceRunner(factory, options, Clock);

    /// <summary>The device factory for a --dut spelling; a bad spelling is a usage error.</summary>
    public IDeviceFactory Device(string spec)
    {
        try
        {
            return CreateFactory(spec);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
