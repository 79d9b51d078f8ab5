using Rsc.Evidence.Expectations;
using Rsc.Evidence.Handlers;
using Rsc.Harness.Core;
using Rsc.Reports;

namespace Rsc.Evidence.Tests;

/// <summary>The comparer against real in-process runs: named faults of the reference device give real failures.</summary>
public sealed class ExpectationTests
{
    private static readonly string[] Sections = ["FLAG", "IP"];
    private string _work = "";
    private string _pshRun = "";
    private string _cleanRun = "";
    private string _twoFaultRun = "";

    [OneTimeSetUp]
    public void MakeRuns()
    {
        _work = TestRuns.TempFolder("expect");
        _pshRun = Path.Combine(_work, "psh");
        _cleanRun = Path.Combine(_work, "clean");
        _twoFaultRun = Path.Combine(_work, "two");
        TestRuns.Run(_pshRun, "reference:fault=psh-from-last", Sections);
        TestRuns.Run(_cleanRun, "reference", Sections);
        TestRuns.Run(_twoFaultRun, "reference:fault=psh-from-last+ttl-from-last", Sections);
    }

    private string Draft(string run, string name)
    {
        var file = Path.Combine(_work, name);
        var r = HandlerOutcome.Of((o, e) => new ExpectationsInitHandler(o, e).Run(new ExpectationsInitOptions(run, file, Force: true)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        return file;
    }

    private static HandlerOutcome Check(string run, string expectations) =>
        HandlerOutcome.Of((o, e) => new ExpectationsCheckHandler(o, e).Run(new ExpectationsCheckOptions(run, expectations)));

    [Test]
    public void A_draft_lists_every_failing_case_with_its_rules_and_a_marked_reason()
    {
        var file = Draft(_pshRun, "draft.json");
        var doc = ExpectationsFile.Load(file);
        var results = ResultsInput.Load(_pshRun);
        var failing = results.Cases.Where(c => c.Outcome is Outcome.Fail or Outcome.NonStrict or Outcome.Error).Select(c => c.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(failing, Is.Not.Empty, "psh-from-last must fail something in FLAG");
            Assert.That(doc.Cases.Select(c => c.Id), Is.EqualTo(failing));
            Assert.That(doc.Device, Is.EqualTo(new DeviceMatch("reference", results.Dut.Version is { } v ? ExpectationsDraft.MajorMinor(v) : null)));
            Assert.That(doc.Cases, Has.All.Matches<CaseExpectationEntry>(c => ExpectationsDocument.IsPlaceholder(c.Reason)));
            var flag1 = doc.Cases.Single(c => c.Id == "RSC-FLAG-001");
            Assert.That(flag1.Outcome, Is.EqualTo(Outcome.Fail));
            Assert.That(flag1.Rules, Does.Contain("R.psh-or"));
        });
    }

    [Test]
    public void The_run_it_was_drawn_from_is_as_expected()
    {
        var r = Check(_pshRun, Draft(_pshRun, "same.json"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Out + r.Error);
        Assert.That(r.Out, Does.Contain("result: as expected"));
        Assert.That(r.Out, Does.Contain("still have no reason"));
    }

    [Test]
    public void An_expected_failure_that_no_longer_happens_is_stale()
    {
        var r = Check(_cleanRun, Draft(_pshRun, "stale.json"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Out + r.Error);
        Assert.That(r.Out, Does.Contain("stale      RSC-FLAG-001: expected Fail [").And.Contain("R.psh-or").And.Contain("observed Pass"));
    }

    [Test]
    public void A_new_failure_is_unexpected_and_a_new_rule_on_an_expected_case_is_a_change()
    {
        var r = Check(_twoFaultRun, Draft(_pshRun, "regress.json"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Out + r.Error);
        Assert.That(r.Out, Does.Contain("unexpected RSC-IP-005: expected nothing, observed Fail [IPH.ttl-minimum]"));
        Assert.That(r.Out, Does.Match(@"result: NOT as expected \([1-9]\d* unexpected"));
    }

    [Test]
    public void A_rule_that_is_no_longer_broken_on_a_still_failing_case_is_a_change()
    {
        var file = Draft(_pshRun, "changed.json");
        var doc = ExpectationsFile.Load(file);
        var flag1 = doc.Cases.Single(c => c.Id == "RSC-FLAG-001");
        doc = doc with { Cases = [.. doc.Cases.Select(c => c == flag1 ? c with { Rules = [.. c.Rules, "IPH.ttl-minimum"] } : c)] };
        ExpectationsFile.Write(file, doc);
        var r = Check(_pshRun, file);
        Assert.That(r.ExitCode, Is.EqualTo(1));
        Assert.That(r.Out, Does.Contain("changed    RSC-FLAG-001").And.Contain("no longer: IPH.ttl-minimum"));
    }

    [Test]
    public void A_tolerated_rule_is_neither_expected_nor_unexpected()
    {
        var file = Draft(_pshRun, "tolerate.json");
        var doc = ExpectationsFile.Load(file) with { Tolerated = [new ToleratedRule("IPH.ttl-minimum", null, "machine noise (test)")] };
        ExpectationsFile.Write(file, doc);
        var r = Check(_twoFaultRun, file);
        Assert.That(r.Out, Does.Not.Contain("IPH.ttl-minimum"));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Out);
    }

    [Test]
    public void An_incomplete_run_fails_the_comparison_even_when_every_verdict_matches()
    {
        var partial = Path.Combine(_work, "partial");
        TestRuns.Run(partial, "reference:fault=psh-from-last", Sections, stopAfter: 3);
        var r = Check(partial, Draft(_pshRun, "for-partial.json"));
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Out);
        Assert.That(r.Out, Does.Contain("incomplete").And.Contain("interrupted (signal: SIGINT)"));
        var init = HandlerOutcome.Of((o, e) => new ExpectationsInitHandler(o, e).Run(new ExpectationsInitOptions(partial, Path.Combine(_work, "never.json"))));
        Assert.That(init.ExitCode, Is.EqualTo(1));
        Assert.That(File.Exists(Path.Combine(_work, "never.json")), Is.False);
    }

    [Test]
    public void A_file_for_another_device_cannot_be_compared()
    {
        var file = Path.Combine(_work, "qemu.json");
        ExpectationsFile.Write(file, new ExpectationsDocument { Device = new DeviceMatch("qemu", "7.2") });
        var r = Check(_pshRun, file);
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(r.Error, Does.Contain("qemu 7.2").And.Contain("reference"));
    }

    [Test]
    public void Regenerating_keeps_the_reasons_that_still_hold()
    {
        var first = Draft(_pshRun, "reasons.json");
        var doc = ExpectationsFile.Load(first);
        doc = doc with { Cases = [.. doc.Cases.Select(c => c with { Reason = "PSH is taken from the last segment (" + c.Id + ")" })] };
        ExpectationsFile.Write(first, doc);
        var second = Path.Combine(_work, "reasons-2.json");
        var r = HandlerOutcome.Of((o, e) => new ExpectationsInitHandler(o, e).Run(new ExpectationsInitOptions(_twoFaultRun, second, first)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        var regenerated = ExpectationsFile.Load(second);
        Assert.That(regenerated.Cases.Single(c => c.Id == "RSC-FLAG-001").Reason, Does.StartWith("PSH is taken"));
        Assert.That(ExpectationsDocument.IsPlaceholder(regenerated.Cases.Single(c => c.Id == "RSC-IP-005").Reason), Is.True);
    }

    [Test]
    public void The_run_gate_judges_the_document_the_run_wrote()
    {
        var error = new StringWriter();
        var gate = RunExpectationGate.Open(Draft(_pshRun, "gate.json"), error);
        Assert.That(gate, Is.Not.Null, error.ToString());
        var results = ResultsInput.Load(_twoFaultRun);
        Assert.That(gate!.Judge(results, new StringWriter(), new StringWriter()), Is.EqualTo(1));
        Assert.That(gate.Judge(ResultsInput.Load(_pshRun), new StringWriter(), new StringWriter()), Is.EqualTo(0));
        Assert.That(RunExpectationGate.Open(Path.Combine(_work, "absent.json"), error), Is.Null);
        Assert.That(error.ToString(), Does.Contain("no such expectations file"));
    }

    [TestCase("{ not json", "not an expectations file")]
    [TestCase("{\"schema\":\"rsc-expectations/9\",\"device\":{\"kind\":\"qemu\"}}", "not an rsc-expectations/1 file")]
    [TestCase("{\"schema\":\"rsc-expectations/1\",\"device\":{\"kind\":\"qemu\"},\"cases\":[{\"id\":\"RSC-FLAG-001\",\"outcome\":\"Fail\",\"rules\":[\"R.psh-or\"],\"reason\":\"a\"},{\"id\":\"RSC-FLAG-001\",\"outcome\":\"Fail\",\"rules\":[\"R.psh-or\"],\"reason\":\"b\"}]}", "listed twice")]
    [TestCase("{\"schema\":\"rsc-expectations/1\",\"device\":{\"kind\":\"qemu\"},\"cases\":[{\"id\":\"RSC-FLAG-001\",\"outcome\":\"Pass\",\"rules\":[],\"reason\":\"a\"}]}", "only Fail, NonStrict, Error")]
    [TestCase("{\"schema\":\"rsc-expectations/1\",\"device\":{\"kind\":\"qemu\"},\"cases\":[{\"id\":\"RSC-FLAG-001\",\"outcome\":\"Fail\",\"rules\":[\"R.psh-or\"]}]}", "has no reason")]
    [TestCase("{\"schema\":\"rsc-expectations/1\",\"device\":{\"kind\":\"qemu\"},\"cases\":[{\"id\":\"RSC-FLAG-001\",\"outcome\":\"Fail\",\"rules\":[],\"reason\":\"x\"}]}", "names no rule")]
    public void An_unusable_expectations_file_is_one_line_and_exit_2(string json, string says)
    {
        var file = Path.Combine(_work, "bad-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.WriteAllText(file, json);
        var r = Check(_pshRun, file);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.Out);
        Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
        Assert.That(r.Error, Does.Contain(says));
    }

    [TestCase("7.2", "7.2.22", true)]
    [TestCase("7.2", "7.2", true)]
    [TestCase("7.2", "7.20.1", false)]
    [TestCase("7.2", "10.0.0", false)]
    [TestCase(null, "anything", true)]
    [TestCase("6.1", "6.1.0-27-amd64", true)]
    public void Versions_match_as_prefixes_at_a_part_boundary(string? expected, string actual, bool matches) =>
        Assert.That(new DeviceMatch("qemu", expected).Matches("QEMU", actual), Is.EqualTo(matches));
}
