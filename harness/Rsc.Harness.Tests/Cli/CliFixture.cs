using Rsc.Cli;
using Rsc.Harness.Cases;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Running;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests.Cli;

/// <summary>Runs `rsc` in-process against sample cases, a fake device and stand-in verdicts.</summary>
internal sealed class CliFixture
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public IReadOnlyList<ConformanceCase> Cases { get; init; } = SampleCases.Catalogue;

    public FakeDeviceFactory Device { get; init; } = new();

    public CaseJudge Judge { get; init; } = Judges.Pass;

    public List<string> DutSpecs { get; } = [];

    public List<RunOptions> RunOptions { get; } = [];

    /// <summary>Called with the factory before each case's device is made.</summary>
    public Action? BeforeEachDevice { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The OS the command believes it runs on.</summary>
    public HostPlatform Host { get; init; } = HostPlatforms.Current;

    /// <summary>Real device spellings through the registry (answering for <see cref="Host"/>) instead of the fake device.</summary>
    public bool UseRegistry { get; init; }

    public string Out => _out.ToString();

    public string Error => _err.ToString();

    public int Run(params string[] args) => RunAsync(CancellationToken.None, args).GetAwaiter().GetResult();

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var env = new CliEnvironment
        {
            Cases = Cases,
            Out = _out,
            Error = _err,
            Clock = Clock,
            Host = Host,
            CreateFactory = UseRegistry ? spec => Adapters.DeviceRegistry.Create(spec, Host) : spec =>
            {
                DutSpecs.Add(spec);
                return spec.StartsWith("fake", StringComparison.Ordinal) || spec == "reference"
                    ? new ObservedFactory(Device, BeforeEachDevice)
                    : throw new ArgumentException($"unknown device '{spec}'; known devices: fake");
            },
            CreateRunner = (factory, options) =>
            {
                RunOptions.Add(options);
                return new ConformanceRunner(factory, options, Clock, Judge);
            },
        };
        return new CliApp(env).RunAsync(args, cancellationToken);
    }

    private sealed class ObservedFactory(FakeDeviceFactory inner, Action? before) : IDeviceFactory
    {
        public string Name => inner.Name;

        public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
        {
            before?.Invoke();
            return inner.CreateAsync(configuration, cancellationToken);
        }
    }
}
