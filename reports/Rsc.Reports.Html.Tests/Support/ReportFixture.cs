using Rsc.Harness.KillMatrix;
using Rsc.Harness.Running;
using Rsc.Reports.KillMatrix;
using Rsc.Reports.Html.Tests.Support;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Tests;

/// <summary>
/// Runs made once for every test of the assembly, through the harness in process: the whole
/// catalogue on the reference device and on a faulted one, an interrupted run, a run written as
/// older builds wrote it (no timeline.json), a kill matrix of one section, and the report of all of them.
/// </summary>
[SetUpFixture]
public sealed class ReportFixture
{
    public const string FaultedDut = "reference:fault=psh-from-last+ttl-from-last+gso-size-zero";
    public const string InterruptedDut = "reference:fault=dup-acks-not-counted";
    public const int InterruptedAfter = 20;

    public static string Root { get; private set; } = "";
    public static string ReferenceRun => Path.Combine(Root, "runs", "reference");
    public static string FaultedRun => Path.Combine(Root, "runs", "faulted");
    public static string InterruptedRun => Path.Combine(Root, "runs", "interrupted");
    public static string LegacyRun => Path.Combine(Root, "runs", "legacy");
    public static string FaultsFolder => Path.Combine(Root, "faults");
    public static string ReportFolder => Path.Combine(Root, "report");
    public static string JUnitFile => Path.Combine(Root, "junit.xml");
    public static ReportResult Report { get; private set; } = new(-1);
    public static string ReportOutput { get; private set; } = "";

    /// <summary>The clone the tests run in (the folder holding RscConformance.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RscConformance.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("not inside the repository");
        }
    }

    public static ResultsDocument Results(string runFolder) => ResultsJson.ReadFile(Path.Combine(runFolder, "results.json"));

    [OneTimeSetUp]
    public async Task MakeRuns()
    {
        Root = SampleRuns.TempFolder("fixture");
        await SampleRuns.RunAsync(ReferenceRun, "reference", SampleRuns.All);
        await SampleRuns.RunAsync(FaultedRun, FaultedDut, SampleRuns.All);
        await SampleRuns.RunAsync(InterruptedRun, InterruptedDut, SampleRuns.All, stopAfter: InterruptedAfter);
        await SampleRuns.RunAsync(LegacyRun, "reference", SampleRuns.Section("FLAG"));
        MakeLegacy(LegacyRun);

        var matrix = await new KillMatrixRunner(SampleRuns.Section("FLAG"), ["psh-from-last", "fin-before-data", "ttl-from-last"], new RunOptions()).RunAsync(CancellationToken.None);
        Directory.CreateDirectory(FaultsFolder);
        KillMatrixJson.WriteFile(Path.Combine(FaultsFolder, KillMatrixJson.FileName), matrix.ToDocument(DateTimeOffset.UtcNow, new ToolEntry("rsc", "test"), new KillMatrixSettings(300, 100)));

        var output = new StringWriter();
        Report = new ReportBuilder(output, output).Build(new ReportOptions(
            [ReferenceRun, FaultedRun, InterruptedRun, LegacyRun, FaultsFolder], ReportFolder, JUnitFile: JUnitFile,
            RulesDocument: Path.Combine(RepositoryRoot, "testcases", "rules.md")));
        ReportOutput = output.ToString();
        Assert.That(Report.ExitCode, Is.Zero, ReportOutput);
    }

    [OneTimeTearDown]
    public void RemoveRuns()
    {
        // Kept when asked, to look at by hand.
        if (Environment.GetEnvironmentVariable("RSC_KEEP_TEST_REPORT") is null && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>Turns a run folder into what builds before timeline.json wrote: no timeline files, no timeline in results.json.</summary>
    private static void MakeLegacy(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, CaseTimeline.FileName, SearchOption.AllDirectories))
        {
            File.Delete(file);
        }
        var document = Results(folder);
        document = document with { Cases = [.. document.Cases.Select(c => c with { Artifacts = c.Artifacts! with { Timeline = null }, Description = null })] };
        ResultsJson.WriteFile(Path.Combine(folder, "results.json"), document);
    }
}
