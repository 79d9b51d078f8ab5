using Rsc.Harness.Core;

namespace Rsc.Reports.Tests;

/// <summary>results.json says whether a run judged every case it planned, whatever stopped it.</summary>
public sealed class RunCompletenessTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 9, 0, TimeSpan.Zero);
    private string _folder = "";

    [SetUp]
    public void CreateFolder() => _folder = Samples.TempFolder();

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private ResultsRecorder Planned(params string[] ids)
    {
        var recorder = new ResultsRecorder(Path.Combine(_folder, "results.json"), Samples.Header() with { Planned = ids.Length, PlannedCases = ids });
        recorder.Save();
        return recorder;
    }

    private ResultsDocument OnDisk() => ResultsJson.ReadFile(Path.Combine(_folder, "results.json"));

    [Test]
    public void A_run_that_judged_every_planned_case_is_complete()
    {
        var recorder = Planned("RSC-A-001", "RSC-A-002");
        recorder.Begin("RSC-A-001");
        recorder.Record(Samples.Case("RSC-A-001", Outcome.Pass));
        recorder.Begin("RSC-A-002");
        recorder.Record(Samples.Case("RSC-A-002", Outcome.Fail));
        Assert.That(OnDisk().Complete, Is.False, "not complete before the run says it ended");
        recorder.Finish(At);
        var doc = OnDisk();
        Assert.Multiple(() =>
        {
            Assert.That(doc.Complete, Is.True);
            Assert.That(doc.FinishedUtc, Is.EqualTo(At));
            Assert.That(doc.InProgress, Is.Null);
            Assert.That(doc.NotJudged(), Is.Empty);
        });
    }

    [Test]
    public void A_killed_run_leaves_a_file_that_says_incomplete_and_names_the_case_in_progress()
    {
        var recorder = Planned("RSC-A-001", "RSC-A-002", "RSC-A-003");
        recorder.Begin("RSC-A-001");
        recorder.Record(Samples.Case("RSC-A-001", Outcome.Pass));
        recorder.Begin("RSC-A-002");
        // The process dies here: nothing more is written.
        var doc = OnDisk();
        Assert.Multiple(() =>
        {
            Assert.That(doc.Complete, Is.False);
            Assert.That(doc.InProgress, Is.EqualTo("RSC-A-002"));
            Assert.That(doc.Summary.Total, Is.EqualTo(1));
            Assert.That(doc.Planned, Is.EqualTo(3));
            Assert.That(doc.NotJudged(), Is.EqualTo(new[] { "RSC-A-002", "RSC-A-003" }));
        });
    }

    [TestCase(InterruptionEntry.Signal, "SIGINT")]
    [TestCase(InterruptionEntry.Timeout, "run limit 60 s")]
    [TestCase(InterruptionEntry.Error, "IOException: disk full")]
    public void An_interrupted_run_records_why_when_and_which_case(string reason, string detail)
    {
        var recorder = Planned("RSC-A-001", "RSC-A-002");
        recorder.Begin("RSC-A-001");
        recorder.Record(Samples.Case("RSC-A-001", Outcome.Pass));
        recorder.Begin("RSC-A-002");
        recorder.Interrupt(reason, At, detail);
        var doc = OnDisk();
        Assert.Multiple(() =>
        {
            Assert.That(doc.Complete, Is.False);
            Assert.That(doc.Interrupted, Is.EqualTo(new InterruptionEntry(reason, At, detail, "RSC-A-002")));
            Assert.That(doc.InProgress, Is.Null);
            Assert.That(doc.Cases.Select(c => c.Id), Is.EqualTo(new[] { "RSC-A-001" }), "the case in progress is not judged");
        });
    }

    [Test]
    public void Finishing_with_cases_missing_is_not_complete()
    {
        var recorder = Planned("RSC-A-001", "RSC-A-002");
        recorder.Record(Samples.Case("RSC-A-001", Outcome.Pass));
        recorder.Finish(At);
        Assert.That(OnDisk().Complete, Is.False);
    }
}
