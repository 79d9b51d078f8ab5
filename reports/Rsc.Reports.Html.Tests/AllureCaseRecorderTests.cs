using Rsc.Harness.Adapters;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports.Html.Allure;
using Rsc.Reports.Html.Tests.Support;

namespace Rsc.Reports.Html.Tests;

/// <summary>The writer behind the NUnit conformance tests' Allure attribute: cases recorded one by one, outside a run folder.</summary>
public sealed class AllureCaseRecorderTests
{
    [Test]
    public async Task Each_case_run_outside_a_run_folder_becomes_one_result_with_its_files()
    {
        var root = SampleRuns.TempFolder("nunit-allure");
        var folder = Path.Combine(root, "allure-results");
        var header = new ResultsDocument
        {
            StartedUtc = DateTimeOffset.UtcNow,
            Tool = new ToolEntry("rsc-nunit", "test"),
            Dut = DutEntry.Unknown("reference:fault=psh-from-last"),
            Settings = new SettingsEntry { SpacingUs = 100, IntervalUs = 300 },
            Environment = EnvironmentEntry.Current(),
        };
        var recorder = new AllureCaseRecorder(folder, header);
        var runner = new ConformanceRunner(DeviceRegistry.Create("reference:fault=psh-from-last"), new RunOptions());
        var cases = SampleRuns.Section("FLAG");
        var outcomes = new Dictionary<string, string>();
        foreach (var c in cases)
        {
            var result = await runner.RunAsync(c, CancellationToken.None);
            var written = recorder.Record(result, DateTimeOffset.UtcNow);
            outcomes[c.Id] = AllureStatus.Of(result.Outcome);
            Assert.That(written.Status, Is.EqualTo(outcomes[c.Id]));
        }
        var results = Directory.GetFiles(folder, "*-result.json").Select(AllureJson.Read<AllureTestResult>).ToList();
        Assert.That(results.Select(r => r.Labels.Single(l => l.Name == "story").Value), Is.EquivalentTo(cases.Select(c => c.Id)));
        Assert.That(results.ToDictionary(r => r.Labels.Single(l => l.Name == "story").Value, r => r.Status), Is.EquivalentTo(outcomes));
        Assert.That(outcomes.Values, Does.Contain(AllureStatus.Failed), "psh-from-last fails a FLAG case");
        Assert.That(results.Select(r => r.Labels.Single(l => l.Name == "parentSuite").Value).Distinct(), Is.EqualTo(new[] { "reference:fault=psh-from-last" }));
        var pcaps = results.SelectMany(r => r.Steps.SelectMany(s => s.Attachments)).Where(a => a.Name == "sent.pcap").ToList();
        Assert.That(pcaps, Has.Count.EqualTo(cases.Count));
        Assert.That(pcaps.Select(a => File.Exists(Path.Combine(folder, a.Source))), Is.All.True);
        Assert.That(Directory.GetDirectories(root), Is.EqualTo(new[] { folder }), "no scratch folder is left behind");
        Directory.Delete(root, recursive: true);
    }
}
