using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Reporting;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;

namespace Rsc.Harness.Tests;

public sealed class RunFolderTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "rsc-harness-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ResultsDocument Header() => new()
    {
        StartedUtc = DateTimeOffset.UnixEpoch,
        Tool = new ToolEntry("rsc", "test"),
        Dut = DutEntry.Unknown("fake"),
        Settings = new SettingsEntry { SpacingUs = 100, IntervalUs = 300 },
        Environment = EnvironmentEntry.Current(),
    };

    [Test]
    public async Task Results_are_valid_from_the_start_and_after_every_case()
    {
        var folder = new RunFolder(_folder, Header());
        Assert.That(ResultsJson.ReadFile(folder.ResultsPath).Cases, Is.Empty);

        var runner = Judges.Runner(new FakeDeviceFactory(), judge: Judges.FailingFor(1));
        for (int i = 0; i < SampleCases.Catalogue.Count; i++)
        {
            folder.Record(await runner.RunAsync(SampleCases.Catalogue[i], CancellationToken.None));

            var doc = ResultsJson.ReadFile(folder.ResultsPath);
            Assert.That(doc.Cases, Has.Count.EqualTo(i + 1));
            Assert.That(doc.Dut.Kind, Is.EqualTo("fake"), "the device is known once one was created");
        }
        var summary = ResultsJson.ReadFile(folder.ResultsPath).Summary;
        Assert.Multiple(() =>
        {
            Assert.That(summary.Total, Is.EqualTo(4));
            Assert.That(summary.Fail, Is.EqualTo(1));
            Assert.That(summary.Info, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Each_case_gets_its_artifacts_and_its_entry_names_them()
    {
        var folder = new RunFolder(_folder, Header());
        var result = await Judges.Runner(new FakeDeviceFactory(), judge: Judges.With(Oracle.Severity.Fail)).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        var entry = folder.Record(result);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Artifacts!.SentPcap, Is.EqualTo("cases/RSC-MERGE-001/sent.pcap"));
            Assert.That(PcapFile.Read(Path.Combine(_folder, entry.Artifacts.SentPcap!)).Records, Has.Count.EqualTo(3));
            Assert.That(PcapFile.Read(Path.Combine(_folder, entry.Artifacts.GuestPcap!)).Records, Has.Count.EqualTo(3));
            Assert.That(File.ReadAllLines(Path.Combine(_folder, entry.Artifacts.GuestJsonl!)), Has.Length.EqualTo(3));
            Assert.That(File.ReadAllText(Path.Combine(_folder, entry.Artifacts.WireLog!)), Is.EqualTo(WireLog.Render(result)));
            Assert.That(entry.Findings.Single().Frames, Is.EqualTo(new[] { 0 }));
            Assert.That(entry.SentFrames, Is.EqualTo(3));
            Assert.That(entry.GuestFrames, Is.EqualTo(3));
            Assert.That(entry.CoalescedFrames, Is.Zero);
            Assert.That(entry.TrafficParameters["segments"], Is.EqualTo("3"));
        });
    }

    [Test]
    public async Task The_minimum_contract_fields_are_present()
    {
        var folder = new RunFolder(_folder, Header());
        folder.Record(await Judges.Runner(new FakeDeviceFactory(), judge: Judges.With(Oracle.Severity.Fail)).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None));

        using var json = JsonDocument.Parse(File.ReadAllText(folder.ResultsPath));
        var root = json.RootElement;
        var c = root.GetProperty("cases")[0];
        var f = c.GetProperty("findings")[0];

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("dut").ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(c.GetProperty("id").GetString(), Is.EqualTo("RSC-MERGE-001"));
            Assert.That(c.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(c.GetProperty("outcome").GetString(), Is.EqualTo("Fail"));
            Assert.That(c.GetProperty("durationMs").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(f.GetProperty("rule").GetString(), Is.EqualTo("IPH.psh-or"));
            Assert.That(f.GetProperty("message").GetString(), Is.Not.Empty);
            Assert.That(f.GetProperty("frames").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_case_without_a_capture_still_gets_a_wire_log()
    {
        var folder = new RunFolder(_folder, Header());
        var result = await Judges.Runner(new FakeDeviceFactory(FakeBehaviour.Fail)).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        var entry = folder.Record(result);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Outcome, Is.EqualTo(Outcome.Error));
            Assert.That(entry.Artifacts!.SentPcap, Is.Null);
            Assert.That(File.ReadAllText(Path.Combine(_folder, entry.Artifacts.WireLog!)), Does.Contain("Error: device failed: link down"));
        });
    }
}
