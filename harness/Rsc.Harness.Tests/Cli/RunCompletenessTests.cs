using Rsc.Harness.Running;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;

namespace Rsc.Harness.Tests.Cli;

/// <summary>A run's results.json says whether every planned case was judged, and why not.</summary>
public sealed class RunCompletenessTests
{
    [Test]
    public void A_run_that_judged_every_case_says_complete()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture();

        Assert.That(cli.Run("run", "--out", dir.Path), Is.Zero, cli.Error);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(doc.Complete, Is.True);
            Assert.That(doc.Planned, Is.EqualTo(4));
            Assert.That(doc.PlannedCases, Is.EqualTo(SampleCases.Catalogue.Select(c => c.Id)));
            Assert.That(doc.Interrupted, Is.Null);
            Assert.That(doc.FinishedUtc, Is.Not.Null);
        });
    }

    [Test]
    public async Task A_run_stopped_midway_says_incomplete_names_the_case_in_progress_and_exits_130()
    {
        using var dir = new TempFolder();
        using var stop = new CancellationTokenSource();
        int judged = 0;
        CaseJudge judge = (s, plan, capture, expectations, level, rules) =>
        {
            if (++judged == 2)
            {
                stop.Cancel(); // as Ctrl-C would, while the second case is being judged
            }
            return Judges.Pass(s, plan, capture, expectations, level, rules);
        };
        var cli = new CliFixture { Judge = judge };

        int code = await cli.RunAsync(stop.Token, "run", "--out", dir.Path);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(130));
            Assert.That(doc.Complete, Is.False);
            Assert.That(doc.Cases, Has.Count.EqualTo(2));
            Assert.That(doc.Interrupted?.Reason, Is.EqualTo(InterruptionEntry.Signal));
            Assert.That(doc.Interrupted?.CaseInProgress, Is.EqualTo(SampleCases.Catalogue[2].Id));
            Assert.That(doc.NotJudged(), Is.EqualTo(SampleCases.Catalogue.Skip(2).Select(c => c.Id)));
            Assert.That(doc.IncompleteNote(), Does.StartWith("INCOMPLETE: 2 of 4 cases judged"));
        });
    }

    [Test]
    public void The_matrix_marks_an_incomplete_run_and_its_unjudged_cases()
    {
        using var dir = new TempFolder();
        var path = dir["results.json"];
        var doc = new ResultsDocument
        {
            StartedUtc = DateTimeOffset.UnixEpoch,
            Tool = new ToolEntry("rsc", "test"),
            Dut = DutEntry.Unknown("fake"),
            Settings = new SettingsEntry { SpacingUs = 100, IntervalUs = 300 },
            Environment = EnvironmentEntry.Current(),
            Planned = 2,
            PlannedCases = ["RSC-A-001", "RSC-A-002"],
            Complete = false,
            InProgress = "RSC-A-002",
            Cases = [new CaseEntry { Id = "RSC-A-001", Title = "one", Outcome = Core.Outcome.Pass }],
        };
        ResultsJson.WriteFile(path, doc);
        var cli = new CliFixture();

        Assert.That(cli.Run("matrix", path), Is.Zero, cli.Error);

        Assert.Multiple(() =>
        {
            Assert.That(cli.Out, Does.Contain("INCOMPLETE"));
            Assert.That(cli.Out, Does.Contain("| RSC-A-002 | not judged |"));
            Assert.That(cli.Out, Does.Contain("1 of 2 cases judged"));
        });
    }
}
