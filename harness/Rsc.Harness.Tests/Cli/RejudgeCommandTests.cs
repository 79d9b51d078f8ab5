using System.Text.Json.Nodes;
using Rsc.Cli;
using Rsc.Harness.Core;
using Rsc.Reports;

namespace Rsc.Harness.Tests.Cli;

/// <summary>`rsc rejudge`: a recorded run's captures judged again, on the real catalogue and oracle.</summary>
public sealed class RejudgeCommandTests
{
    private static (int Code, string Out, string Error) Rsc(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static List<string> Verdict(CaseEntry entry) =>
        [entry.Outcome.ToString(), .. entry.Findings.Select(f => $"{f.Severity} {f.Rule} [{string.Join(',', f.Frames)}] [{string.Join(',', f.SentFrames)}]").Order(StringComparer.Ordinal)];

    [Test]
    public void A_recorded_run_is_judged_again_to_the_recorded_verdicts()
    {
        using var dir = new TempFolder();
        var run = Rsc("run", "--dut", "reference:fault=dup-acks-not-counted", "--case", "RSC-ACK-002,RSC-FLAG-001", "--out", dir["run"]);
        Assume.That(run.Code, Is.EqualTo(1), run.Error);

        var rejudge = Rsc("rejudge", dir["run"], "--out", dir["again"]);

        var recorded = ResultsJson.ReadFile(dir["run/results.json"]);
        var again = ResultsJson.ReadFile(dir["again/results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(rejudge.Code, Is.EqualTo(1), rejudge.Error);
            Assert.That(rejudge.Out, Does.Contain("2 case(s) re-judged: 2 with the recorded verdict, 0 changed"));
            Assert.That(recorded.Cases.Select(c => c.Outcome), Is.EqualTo(new[] { Outcome.Fail, Outcome.Pass }));
            Assert.That(again.Cases.Select(Verdict), Is.EqualTo(recorded.Cases.Select(Verdict)));
            Assert.That(again.Rejudged?.From, Is.EqualTo(dir["run"]));
            Assert.That(again.Rejudged?.RecordedBy.Version, Is.EqualTo(recorded.Tool.Version));
            Assert.That(again.Dut.Name, Is.EqualTo("reference:fault=dup-acks-not-counted"));
            Assert.That(again.Complete, Is.True);
            Assert.That(again.Cases.Select(c => c.Fingerprint), Is.EqualTo(recorded.Cases.Select(c => c.Fingerprint)));
            Assert.That(File.ReadAllBytes(dir["again/cases/RSC-ACK-002/guest.pcap"]), Is.EqualTo(File.ReadAllBytes(dir["run/cases/RSC-ACK-002/guest.pcap"])));
            Assert.That(File.ReadAllText(dir["again/cases/RSC-ACK-002/wire.log"]), Does.Contain("VS.dup-ack-count"));
        });
    }

    [Test]
    public void A_capture_that_says_something_else_gets_another_verdict()
    {
        using var dir = new TempFolder();
        var run = Rsc("run", "--case", "RSC-FLAG-001", "--out", dir["run"]);
        Assume.That(run.Code, Is.Zero, run.Error);
        var jsonl = dir["run/cases/RSC-FLAG-001/guest.jsonl"];
        var lines = File.ReadAllLines(jsonl);
        Assume.That(lines.Count(l => l.Contains("RSC_INFO", StringComparison.Ordinal)), Is.EqualTo(1));
        File.WriteAllLines(jsonl, lines.Select(l => l.Replace("|RSC_INFO", "", StringComparison.Ordinal)));

        var rejudge = Rsc("rejudge", dir["run"], "--out", dir["again"]);

        var again = ResultsJson.ReadFile(dir["again/results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(rejudge.Code, Is.EqualTo(1));
            Assert.That(rejudge.Out, Does.Contain("RSC-FLAG-001: Pass -> Fail"));
            Assert.That(rejudge.Out, Does.Match(@"\+ Fail VS\.rsc-info guest \[\d+\] sent \["));
            Assert.That(rejudge.Out, Does.Contain("1 case(s) re-judged: 0 with the recorded verdict, 1 changed"));
            Assert.That(again.Cases.Single().Findings.Select(f => f.Rule), Does.Contain("VS.rsc-info"));
        });
    }

    [Test]
    public void A_run_whose_results_do_not_say_when_observation_ended_takes_it_from_the_timeline()
    {
        using var dir = new TempFolder();
        var run = Rsc("run", "--dut", "reference:fault=merge-fragments", "--case", "RSC-IP-008", "--out", dir["run"]);
        Assume.That(run.Code, Is.EqualTo(1), run.Error);
        // Runs recorded before results.json held the field kept it only in timeline.json.
        var results = JsonNode.Parse(File.ReadAllText(dir["run/results.json"]))!;
        foreach (var entry in results["cases"]!.AsArray())
        {
            Assume.That(entry!.AsObject().Remove("observationEndNs"), Is.True);
        }
        File.WriteAllText(dir["run/results.json"], results.ToJsonString());

        var rejudge = Rsc("rejudge", dir["run"], "--out", dir["again"]);

        var recorded = ResultsJson.ReadFile(dir["run/results.json"]).Cases.Single().Findings;
        var again = ResultsJson.ReadFile(dir["again/results.json"]).Cases.Single().Findings;
        Assert.Multiple(() =>
        {
            Assert.That(rejudge.Code, Is.EqualTo(1), rejudge.Error);
            Assert.That(recorded.Where(f => f.Rule == "CONS.lost").Select(f => f.Message), Is.Not.Empty.And.All.Contain("observed until"));
            Assert.That(again.Select(f => f.Message), Is.EqualTo(recorded.Select(f => f.Message)));
        });
    }

    [Test]
    public void A_case_whose_capture_is_gone_is_an_error_and_the_others_are_judged()
    {
        using var dir = new TempFolder();
        var run = Rsc("run", "--case", "RSC-FLAG-001,RSC-SEQ-001", "--out", dir["run"]);
        Assume.That(run.Code, Is.Zero, run.Error);
        File.Delete(dir["run/cases/RSC-SEQ-001/sent.pcap"]);

        var rejudge = Rsc("rejudge", dir["run"], "--out", dir["again"]);

        var again = ResultsJson.ReadFile(dir["again/results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(rejudge.Code, Is.EqualTo(1));
            Assert.That(again.Cases.Select(c => c.Outcome), Is.EqualTo(new[] { Outcome.Pass, Outcome.Error }));
            Assert.That(again.Cases[1].Error, Does.StartWith("capture not readable: cannot read").And.Contain("sent.pcap"));
        });
    }

    [Test]
    public void A_folder_without_results_is_a_usage_error()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.Path);

        var rejudge = Rsc("rejudge", dir.Path, "--out", dir["again"]);

        Assert.Multiple(() =>
        {
            Assert.That(rejudge.Code, Is.EqualTo(2));
            Assert.That(rejudge.Error, Is.EqualTo($"rsc: {dir.Path}: not a run folder (no results.json){Environment.NewLine}"));
            Assert.That(Directory.Exists(dir["again"]), Is.False);
        });
    }

    [Test]
    public void The_recorded_run_is_never_written()
    {
        using var dir = new TempFolder();
        var run = Rsc("run", "--case", "RSC-FLAG-001", "--out", dir["run"]);
        Assume.That(run.Code, Is.Zero, run.Error);
        var before = File.ReadAllText(dir["run/results.json"]);

        var rejudge = Rsc("rejudge", dir["run"], "--out", dir["run"] + "/");

        Assert.Multiple(() =>
        {
            Assert.That(rejudge.Code, Is.EqualTo(2));
            Assert.That(rejudge.Error, Is.EqualTo($"rsc: --out must not be RUN_DIR: the recorded run is evidence and is only read{Environment.NewLine}"));
            Assert.That(File.ReadAllText(dir["run/results.json"]), Is.EqualTo(before));
        });
    }
}
