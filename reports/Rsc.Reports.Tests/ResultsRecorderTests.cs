using System.Text.Json;
using Rsc.Harness.Core;

namespace Rsc.Reports.Tests;

public sealed class ResultsRecorderTests
{
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Samples.TempFolder();

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void File_is_valid_and_complete_after_every_case()
    {
        var path = Path.Combine(_folder, "results.json");
        var recorder = new ResultsRecorder(path, Samples.Header());
        recorder.Save();
        Assert.That(ResultsJson.ReadFile(path).Cases, Is.Empty);

        var outcomes = new[] { Outcome.Pass, Outcome.Fail, Outcome.Info, Outcome.Error, Outcome.NonStrict, Outcome.Pass };
        for (int i = 0; i < outcomes.Length; i++)
        {
            recorder.Record(Samples.Case($"RSC-A-{i:000}", outcomes[i]));

            var onDisk = ResultsJson.ReadFile(path);
            Assert.That(onDisk.Cases.Select(c => c.Id), Is.EqualTo(Enumerable.Range(0, i + 1).Select(k => $"RSC-A-{k:000}")));
            Assert.That(onDisk.Summary.Total, Is.EqualTo(i + 1));
        }
        var summary = ResultsJson.ReadFile(path).Summary;
        Assert.Multiple(() =>
        {
            Assert.That(summary.Pass, Is.EqualTo(2));
            Assert.That(summary.Fail, Is.EqualTo(1));
            Assert.That(summary.Info, Is.EqualTo(1));
            Assert.That(summary.Error, Is.EqualTo(1));
            Assert.That(summary.NonStrict, Is.EqualTo(1));
        });
    }

    [Test]
    public void Rewrite_leaves_no_temporary_files_behind()
    {
        var path = Path.Combine(_folder, "results.json");
        var recorder = new ResultsRecorder(path, Samples.Header());
        for (int i = 0; i < 5; i++)
        {
            recorder.Record(Samples.Case($"RSC-A-{i:000}", Outcome.Pass));
        }

        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EqualTo(new[] { "results.json" }));
    }

    [Test]
    public void A_reader_never_sees_a_partial_file_while_cases_are_recorded()
    {
        var path = Path.Combine(_folder, "results.json");
        var recorder = new ResultsRecorder(path, Samples.Header());
        recorder.Save();
        using var stop = new CancellationTokenSource();
        int reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Any torn write would throw here.
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                Assert.That(doc.RootElement.GetProperty("schema").GetString(), Is.EqualTo("rsc-results/1"));
                reads++;
            }
        });
        for (int i = 0; i < 60; i++)
        {
            recorder.Record(Samples.Case($"RSC-A-{i:000}", Outcome.Pass, Samples.Finding("R.rule")));
        }
        stop.Cancel();
        Assert.That(() => reader.Wait(TimeSpan.FromSeconds(30)), Throws.Nothing);
        Assert.That(ResultsJson.ReadFile(path).Cases, Has.Count.EqualTo(60));
    }

    [Test]
    public void Dut_can_be_filled_in_later()
    {
        var path = Path.Combine(_folder, "results.json");
        var recorder = new ResultsRecorder(path, Samples.Header() with { Dut = DutEntry.Unknown("reference") });
        recorder.UpdateDut(Samples.Header().Dut);

        Assert.That(ResultsJson.ReadFile(path).Dut.Version, Is.EqualTo("9.9.9"));
    }
}
