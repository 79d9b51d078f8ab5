using Microsoft.Extensions.Time.Testing;
using Rsc.Harness.Adapters;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Evidence.Tests;

/// <summary>
/// Real runs made in process on the reference device (virtual clock, fake wall clock), written to a
/// run folder exactly as `rsc run` writes one; `reference:fault=NAME` gives real failures.
/// </summary>
internal static class TestRuns
{
    public static readonly DateTimeOffset Started = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static ResultsDocument Run(string folder, string dut, IReadOnlyList<string>? sections = null, IReadOnlyList<string>? ids = null, int? stopAfter = null)
    {
        var clock = new FakeTimeProvider(Started);
        var cases = Catalogue.Select(ids, sections);
        var factory = DeviceRegistry.Create(dut);
        var options = new RunOptions().For(factory);
        var header = new ResultsDocument
        {
            StartedUtc = clock.GetUtcNow(),
            Tool = new ToolEntry("rsc", "0.1.0+0123456789abcdef0123456789abcdef01234567"),
            Dut = DutEntry.Unknown(dut),
            Settings = new SettingsEntry { SpacingUs = options.SpacingNs / 1000.0, IntervalUs = options.DrainIntervalNs / 1000.0, TimeoutS = 60, LatencyAllowanceUs = 2000 },
            Environment = new EnvironmentEntry("Linux 6.1.0 #1 SMP", ".NET 10.0.0", "test-machine", 2)
            {
                Distribution = "Debian GNU/Linux 12 (bookworm)",
                Kernel = "6.1.0-27-amd64",
                CpuModel = "AMD EPYC 7763 64-Core Processor",
                Architecture = "X64",
            },
            Planned = cases.Count,
            PlannedCases = [.. cases.Select(c => c.Id)],
            Catalogue = CatalogueFingerprint.Compute(options.SpacingNs, options.DrainIntervalNs),
        };
        var run = new RunFolder(folder, header);
        var runner = new ConformanceRunner(factory, options, clock);
        for (int i = 0; i < cases.Count; i++)
        {
            if (stopAfter is { } n && i == n)
            {
                run.Interrupt(InterruptionEntry.Signal, clock.GetUtcNow(), "SIGINT");
                return run.Document;
            }
            run.Begin(cases[i].Id);
            var result = runner.RunAsync(cases[i], CancellationToken.None).GetAwaiter().GetResult();
            run.Record(result);
            clock.Advance(TimeSpan.FromMilliseconds(5));
        }
        run.Finish(clock.GetUtcNow());
        return run.Document;
    }

    public static string TempFolder(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "evidence-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RscConformance.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("repository root (RscConformance.sln) not found above the test directory");
    }
}

/// <summary>What a handler wrote and returned.</summary>
internal sealed record HandlerOutcome(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static HandlerOutcome Of(Func<TextWriter, TextWriter, int> run)
    {
        var o = new StringWriter { NewLine = "\n" };
        var e = new StringWriter { NewLine = "\n" };
        int code = run(o, e);
        return new HandlerOutcome(code, o.ToString(), e.ToString());
    }
}
