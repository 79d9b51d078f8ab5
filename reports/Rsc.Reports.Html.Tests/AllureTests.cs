using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Reports.Html.Allure;
using Rsc.Reports.Html.Input;
using Rsc.Reports.Html.Tests.Support;

namespace Rsc.Reports.Html.Tests;

/// <summary>The allure-results a run writes, read back as Allure's result schema says they are.</summary>
public sealed class AllureTests
{
    private static readonly string[] Statuses = ["passed", "failed", "broken", "skipped", "unknown"];

    [Test]
    public void A_run_writes_one_result_per_case_with_labels_parameters_steps_and_attachments()
    {
        var doc = ReportFixture.Results(ReportFixture.FaultedRun);
        var results = ReadResults(Path.Combine(ReportFixture.FaultedRun, AllureResultsWriter.FolderName));
        Assert.That(results.Select(r => Label(r, "story")), Is.EquivalentTo(doc.Cases.Select(c => c.Id)), "every case once");
        foreach (var (result, file) in results.Select(r => (r, r.Uuid)))
        {
            var entry = doc.Cases.Single(c => c.Id == Label(result, "story"));
            Assert.That(result.Status, Is.EqualTo(AllureStatus.Of(entry.Outcome)), entry.Id);
            Assert.That(result.Status, Is.AnyOf(Statuses));
            Assert.That(result.Stop, Is.GreaterThanOrEqualTo(result.Start));
            Assert.That(Label(result, "epic"), Is.EqualTo("RSC"));
            Assert.That(Label(result, "feature"), Is.EqualTo(entry.Section));
            Assert.That(Label(result, "parentSuite"), Is.EqualTo(doc.Dut.Name));
            Assert.That(Label(result, "severity"), Is.EqualTo(AllureStatus.Severity(entry.Level)));
            Assert.That(result.Labels.Where(l => l.Name == "tag").Select(l => l.Value), Does.Contain(entry.Section));
            Assert.That(result.Parameters.Select(p => p.Name), Is.EquivalentTo(new[] { "device", "interval", "spacing" }));
            Assert.That(result.Steps.Select(s => s.Name.Split(' ', ':')[0]), Is.EqualTo(new[] { "build", "send", "drain", "judge" }));
            Assert.That(result.Steps[^1].Steps, Has.Count.EqualTo(entry.Findings.Count), "a judge sub-step per finding");
            var attachments = result.Attachments.Concat(result.Steps.SelectMany(s => s.Attachments)).ToList();
            Assert.That(attachments.Select(a => a.Name), Is.SupersetOf(new[] { "sent.pcap", "guest.pcap", "wire.log", "timeline picture" }), entry.Id);
            foreach (var a in attachments)
            {
                Assert.That(File.Exists(Path.Combine(ReportFixture.FaultedRun, AllureResultsWriter.FolderName, a.Source)), Is.True, a.Source);
                Assert.That(a.Source, Does.Contain("-attachment"));
            }
            if (entry.Outcome == Outcome.Fail)
            {
                Assert.That(result.StatusDetails!.Message, Does.StartWith(SummaryTable.DecisiveFinding(entry)!.Rule));
            }
        }
    }

    [Test]
    public void The_container_lists_every_result_of_the_run()
    {
        var folder = Path.Combine(ReportFixture.FaultedRun, AllureResultsWriter.FolderName);
        var containers = Directory.GetFiles(folder, "*-container.json").Select(AllureJson.Read<AllureContainer>).ToList();
        Assert.That(containers, Has.Count.EqualTo(1));
        Assert.That(containers[0].Children, Is.EquivalentTo(ReadResults(folder).Select(r => r.Uuid)));
        Assert.That(File.ReadAllText(Path.Combine(folder, "environment.properties")), Does.Contain("dut = " + ReportFixture.FaultedDut));
    }

    [Test]
    public void An_interrupted_run_lists_its_unjudged_cases_as_skipped_and_interrupted()
    {
        var doc = ReportFixture.Results(ReportFixture.InterruptedRun);
        var results = ReadResults(Path.Combine(ReportFixture.InterruptedRun, AllureResultsWriter.FolderName));
        Assert.That(results.Select(r => Label(r, "story")), Is.EquivalentTo(doc.PlannedCases));
        var notJudged = results.Where(r => r.Stage == AllureStatus.Interrupted).ToList();
        Assert.That(notJudged.Select(r => Label(r, "story")), Is.EquivalentTo(doc.NotJudged()));
        Assert.That(notJudged.Select(r => r.Status), Is.All.EqualTo(AllureStatus.Skipped));
        Assert.That(notJudged[0].StatusDetails!.Message, Does.Contain("interrupted"));
    }

    [Test]
    public void Statuses_map_from_outcomes_as_documented()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AllureStatus.Of(Outcome.Pass), Is.EqualTo("passed"));
            Assert.That(AllureStatus.Of(Outcome.NonStrict), Is.EqualTo("passed"));
            Assert.That(AllureStatus.Of(Outcome.Fail), Is.EqualTo("failed"));
            Assert.That(AllureStatus.Of(Outcome.Error), Is.EqualTo("broken"));
            Assert.That(AllureStatus.Of(Outcome.Info), Is.EqualTo("skipped"));
        });
    }

    [Test]
    public void An_old_run_folder_exports_from_its_files_alone()
    {
        var target = SampleRuns.TempFolder("allure-legacy");
        var run = RunSource.Load(ReportFixture.LegacyRun);
        int written = AllureRunExport.Write(run, new AllureResultsWriter(target));
        var results = ReadResults(target);
        Assert.That(written, Is.EqualTo(run.Document.Cases.Count));
        Assert.That(results, Has.Count.EqualTo(written));
        var attachments = results.SelectMany(r => r.Attachments.Concat(r.Steps.SelectMany(s => s.Attachments))).Select(a => a.Name).ToList();
        Assert.That(attachments, Does.Contain("sent.pcap"));
        Assert.That(attachments, Does.Not.Contain("timeline picture"), "no timeline, no picture");
        Directory.Delete(target, recursive: true);
    }

    [Test]
    public void Without_npm_the_report_says_so_in_one_line_and_writes_everything_else()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var folder = SampleRuns.TempFolder("report-no-npm");
        var result = new ReportBuilder(output, error) { FindProgram = _ => null }
            .Build(new ReportOptions([ReportFixture.LegacyRun], folder, Allure: true));
        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(File.Exists(Path.Combine(folder, "index.html")), Is.True);
        Assert.That(ReadResults(Path.Combine(folder, AllureResultsWriter.FolderName)), Has.Count.EqualTo(ReportFixture.Results(ReportFixture.LegacyRun).Cases.Count));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Contain("npm"));
        Assert.That(result.AllureReport, Is.Null);
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    [Category("Npm")]
    public void With_npm_the_report_renders_a_single_file_allure_report()
    {
        if (AllureCommandLineFinds("npm") is null)
        {
            Assert.Ignore("npm is not installed");
        }
        var folder = SampleRuns.TempFolder("report-allure");
        var output = new StringWriter();
        var error = new StringWriter();
        var result = new ReportBuilder(output, error).Build(new ReportOptions([ReportFixture.LegacyRun], folder, Allure: true, ToolsFolder: ToolsFolder()));
        Assert.That(result.ExitCode, Is.Zero, error.ToString());
        Assert.That(result.AllureReport, Is.Not.Null, error.ToString());
        var html = File.ReadAllText(result.AllureReport!);
        Assert.That(html.Length, Is.GreaterThan(100_000));
        Assert.That(html, Does.Not.Match("<script[^>]+src=\"(?!data:)"), "one file that contacts nobody: no script loaded from beside it or the network");
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(result.AllureReport!)!, "*.js"), Is.Empty);
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void The_analytics_tag_is_taken_out_of_the_allure_page()
    {
        const string page = "<body><div id=\"app\"></div>\n    <script async src=\"https://www.googletagmanager.com/gtag/js?id=G-X\"></script>\n    <script>\n        window.dataLayer = window.dataLayer || [];\n        gtag('js', new Date());\n    </script>\n    <script>var data = 1;</script></body>";
        var cleaned = AllureCommandLine.WithoutAnalytics(page);
        Assert.That(cleaned, Does.Not.Contain("googletagmanager").And.Not.Contain("dataLayer"));
        Assert.That(cleaned, Does.Contain("<script>var data = 1;</script>").And.Contain("<div id=\"app\">"));
    }

    /// <summary>The repository's out/tools, so the tool is installed once per clone, not per test run.</summary>
    private static string ToolsFolder()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RscConformance.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? Path.GetTempPath(), "out", "tools");
    }

    private static string? AllureCommandLineFinds(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static List<AllureTestResult> ReadResults(string folder)
    {
        var files = Directory.GetFiles(folder, "*-result.json");
        var results = files.Select(AllureJson.Read<AllureTestResult>).ToList();
        foreach (var (file, result) in files.Zip(results))
        {
            Assert.That(Path.GetFileName(file), Is.EqualTo($"{result.Uuid}-result.json"));
            Assert.That(Guid.TryParse(result.Uuid, out _), Is.True);
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var required in new[] { "uuid", "historyId", "name", "fullName", "status", "stage", "start", "stop", "labels", "parameters", "steps", "attachments" })
            {
                Assert.That(json.RootElement.TryGetProperty(required, out _), Is.True, $"{file} has {required}");
            }
        }
        return results;
    }

    private static string? Label(AllureTestResult result, string name) => result.Labels.FirstOrDefault(l => l.Name == name)?.Value;
}
