using Rsc.Cli;
using Rsc.Harness.Cases;
using Rsc.Harness.Running;
using Rsc.Harness.Tests.Doubles;
using Spectre.Console;

namespace Rsc.Harness.Tests.Cli;

/// <summary>
/// `rsc` in-process with what the newer tests vary: environment variables, a terminal (a test
/// console) and the clock; sample cases, a fake device and stand-in verdicts otherwise.
/// </summary>
internal sealed class CliHarness
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public IReadOnlyList<ConformanceCase> Cases { get; init; } = SampleCases.Catalogue;

    public FakeDeviceFactory Device { get; init; } = new();

    public Dictionary<string, string?> Variables { get; } = [];

    public IAnsiConsole? Terminal { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public List<string> DutSpecs { get; } = [];

    /// <summary>Called before each case's device is made.</summary>
    public Action? BeforeEachDevice { get; init; }

    public string Out => _out.ToString();

    public string Error => _err.ToString();

    public int Run(params string[] args) => RunAsync(CancellationToken.None, args).GetAwaiter().GetResult();

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        new CliApp(Environment()).RunAsync(args, cancellationToken);

    public CliEnvironment Environment() => new()
    {
        Cases = Cases,
        Out = _out,
        Error = _err,
        Clock = Clock,
        Terminal = Terminal,
        Variables = name => Variables.GetValueOrDefault(name),
        CreateFactory = spec =>
        {
            DutSpecs.Add(spec);
            return spec.StartsWith("fake", StringComparison.Ordinal) || spec == "reference"
                ? Device
                : throw new ArgumentException($"unknown device '{spec}'; known devices: fake");
        },
        CreateRunner = (factory, options) => new ConformanceRunner(new Notifying(factory, BeforeEachDevice), options, Clock, Judges.Pass),
    };

    private sealed class Notifying(Core.Devices.IDeviceFactory inner, Action? before) : Core.Devices.IDeviceFactory
    {
        public string Name => inner.Name;

        public Task<Core.Devices.IDeviceUnderTest> CreateAsync(Core.Devices.DeviceConfiguration configuration, CancellationToken cancellationToken)
        {
            before?.Invoke();
            return inner.CreateAsync(configuration, cancellationToken);
        }
    }
}
