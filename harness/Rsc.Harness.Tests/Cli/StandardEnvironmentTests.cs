using System.Text.Json;
using Rsc.Cli;
using Rsc.Harness.Core;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>The CLI wired to the real catalogue, the reference device and the oracle.</summary>
public sealed class StandardEnvironmentTests
{
    [Test]
    public void List_shows_the_whole_catalogue()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = CliApp.Run(["list", "--format", "json"], stdout, stderr);

        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr.ToString());
            Assert.That(json.RootElement.GetArrayLength(), Is.EqualTo(Catalogue.All.Count));
        });
    }

    [Test]
    public void A_section_runs_end_to_end_on_the_reference_device_without_errors()
    {
        var first = Catalogue.All.FirstOrDefault();
        if (first is null)
        {
            Assert.Ignore("the catalogue is empty");
            return;
        }
        using var dir = new TempFolder();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = CliApp.Run(["run", "--section", first.Section, "--out", dir.Path], stdout, stderr);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.AnyOf(0, 1), stderr.ToString());
            Assert.That(doc.Cases, Has.Count.EqualTo(Catalogue.All.Count(c => c.Section == first.Section)));
            Assert.That(doc.Cases.Where(c => c.Outcome == Outcome.Error).Select(c => $"{c.Id}: {c.Error}"), Is.Empty);
            Assert.That(doc.Dut.Kind, Is.EqualTo("reference"));
            Assert.That(doc.Dut.Timing, Is.EqualTo(Core.Capture.TimingMode.Virtual));
            Assert.That(File.Exists(dir[$"cases/{first.Id}/guest.pcap"]), Is.True);
        });
    }
}
