using Microsoft.Extensions.Time.Testing;
using Rsc.Cli;
using Rsc.Harness.Adapters;
using Rsc.Harness.Core.Devices;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>What one `rsc` command returned and printed.</summary>
internal sealed record CliOutcome(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// `rsc` in-process with the real catalogue, the real oracle and the in-process reference device
/// (virtual time, so `reference:fault=NAME` gives the same real failures every run) on a fake wall clock.
/// </summary>
internal sealed class ReferenceCli
{
    public static readonly DateTimeOffset Started = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Started);

    public Dictionary<string, string?> Variables { get; } = [];

    /// <summary>How many devices the runs made (a run refused before its first case makes none).</summary>
    public int DevicesMade => Volatile.Read(ref _devicesMade);

    /// <summary>Called before each case's device is made.</summary>
    public Action? BeforeEachDevice { get; init; }

    private int _devicesMade;

    public CliOutcome Run(params string[] args) => RunAsync(CancellationToken.None, args).GetAwaiter().GetResult();

    public async Task<CliOutcome> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var env = new CliEnvironment
        {
            Cases = Catalogue.All,
            Out = stdout,
            Error = stderr,
            Clock = Clock,
            Variables = name => Variables.GetValueOrDefault(name),
            CreateFactory = spec => new Counting(DeviceRegistry.Create(spec), this),
        };
        int code = await new CliApp(env).RunAsync(args, cancellationToken).ConfigureAwait(false);
        return new CliOutcome(code, stdout.ToString(), stderr.ToString());
    }

    private sealed class Counting(IDeviceFactory inner, ReferenceCli cli) : IDeviceFactory
    {
        public string Name => inner.Name;

        public long? DrainIntervalNs => inner.DrainIntervalNs;

        public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
        {
            cli.BeforeEachDevice?.Invoke();
            Interlocked.Increment(ref cli._devicesMade);
            return inner.CreateAsync(configuration, cancellationToken);
        }
    }
}
