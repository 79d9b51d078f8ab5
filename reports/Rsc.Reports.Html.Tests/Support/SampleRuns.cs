using Rsc.Harness.Adapters;
using Rsc.Harness.Cases;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.TestCases;

namespace Rsc.Reports.Html.Tests.Support;

/// <summary>Real run folders, made by running catalogue cases through the harness in process, as `rsc run` does.</summary>
public static class SampleRuns
{
    /// <summary>
    /// Runs <paramref name="cases"/> on <paramref name="dut"/> into <paramref name="folder"/>; with
    /// <paramref name="stopAfter"/> the run is interrupted after that many cases, like a Ctrl-C.
    /// </summary>
    public static async Task<RunFolder> RunAsync(string folder, string dut, IReadOnlyList<ConformanceCase> cases, int? stopAfter = null, RunFolderOptions? options = null)
    {
        var runOptions = new RunOptions();
        var factory = DeviceRegistry.Create(dut);
        var header = new ResultsDocument
        {
            StartedUtc = DateTimeOffset.UtcNow,
            Tool = new ToolEntry("rsc", "test"),
            Dut = DutEntry.Unknown(dut),
            Settings = new SettingsEntry { SpacingUs = runOptions.SpacingNs / 1000.0, IntervalUs = runOptions.DrainIntervalNs / 1000.0, TimeoutS = 60 },
            Environment = EnvironmentEntry.Current(),
            Planned = cases.Count,
            PlannedCases = [.. cases.Select(c => c.Id)],
        };
        var run = new RunFolder(folder, header, options ?? new RunFolderOptions());
        var runner = new ConformanceRunner(factory, runOptions);
        for (int i = 0; i < cases.Count; i++)
        {
            if (stopAfter is { } n && i == n)
            {
                run.Begin(cases[i].Id);
                run.Interrupt(InterruptionEntry.Signal, DateTimeOffset.UtcNow, "SIGINT");
                return run;
            }
            run.Begin(cases[i].Id);
            run.Record(await runner.RunAsync(cases[i], CancellationToken.None));
        }
        run.Finish(DateTimeOffset.UtcNow);
        return run;
    }

    public static IReadOnlyList<ConformanceCase> Section(string section) => [.. Catalogue.All.Where(c => c.Section == section)];

    public static IReadOnlyList<ConformanceCase> All => Catalogue.All;

    public static string TempFolder(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rsc-report-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
