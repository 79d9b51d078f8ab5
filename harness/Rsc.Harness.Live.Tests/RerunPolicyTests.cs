using NUnit.Framework.Internal;
using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;

namespace Rsc.Harness.Live.Tests;

/// <summary>The live catalogue test's rerun policy, with a stand-in runner whose outcomes are scripted per case.</summary>
public sealed class RerunPolicyTests
{
    private static readonly Finding LateUnit = new("SEED.latency", Severity.Fail, "unit delivered 61 ms after its first segment", [0], [0, 1]);

    [Test]
    public async Task A_case_that_passes_is_run_once_and_never_rerun()
    {
        var runner = new ScriptedRunner { ["RSC-T-001"] = [Outcome.Pass] };
        var reported = new List<Rerun>();

        var report = await RerunPolicy.RunAsync([Case("RSC-T-001")], runner.RunAsync, reported.Add, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(runner.Runs, Is.EqualTo(new[] { "RSC-T-001" }));
            Assert.That(reported, Is.Empty);
            Assert.That(report.Reruns, Is.Empty);
            Assert.That(report.FailedTwice, Is.Empty);
            Assert.That(report.Results.Select(r => r.Outcome), Is.EqualTo(new[] { Outcome.Pass }));
            Assert.That(report.Describe(), Does.StartWith("no reruns"));
        });
        Assert.That(FailureOf(report.AssertNoCaseFailedTwice), Is.Null);
    }

    [Test]
    public async Task A_case_that_fails_once_then_passes_is_rerun_once_reported_with_its_finding_and_passes()
    {
        var runner = new ScriptedRunner { ["RSC-T-001"] = [Outcome.Pass], ["RSC-T-002"] = [Outcome.Fail, Outcome.Pass] };
        var reported = new List<Rerun>();

        var report = await RerunPolicy.RunAsync([Case("RSC-T-001"), Case("RSC-T-002")], runner.RunAsync, reported.Add, CancellationToken.None);

        var expected = new Rerun("RSC-T-002", Outcome.Fail, "SEED.latency", "unit delivered 61 ms after its first segment");
        Assert.Multiple(() =>
        {
            Assert.That(runner.Runs, Is.EqualTo(new[] { "RSC-T-001", "RSC-T-002", "RSC-T-002" }));
            Assert.That(reported, Is.EqualTo(new[] { expected }), "reported as it happened");
            Assert.That(report.Reruns, Is.EqualTo(new[] { expected }));
            Assert.That(report.FailedTwice, Is.Empty);
            Assert.That(report.Results.Select(r => r.Outcome), Is.EqualTo(new[] { Outcome.Pass, Outcome.Pass }), "the last attempt counts");
            Assert.That(report.Describe(), Does.Contain("RSC-T-002 Fail: SEED.latency: unit delivered 61 ms after its first segment"));
        });
        Assert.That(FailureOf(report.AssertNoCaseFailedTwice), Is.Null);
    }

    [Test]
    public async Task A_case_that_fails_twice_fails_the_test_by_name_without_a_third_attempt()
    {
        var runner = new ScriptedRunner { ["RSC-T-001"] = [Outcome.Fail, Outcome.Fail], ["RSC-T-002"] = [Outcome.Pass] };
        var reported = new List<Rerun>();

        var report = await RerunPolicy.RunAsync([Case("RSC-T-001"), Case("RSC-T-002")], runner.RunAsync, reported.Add, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(runner.Runs, Is.EqualTo(new[] { "RSC-T-001", "RSC-T-001", "RSC-T-002" }));
            Assert.That(reported.Select(r => r.CaseId), Is.EqualTo(new[] { "RSC-T-001" }));
            Assert.That(report.FailedTwice.Select(r => r.CaseId), Is.EqualTo(new[] { "RSC-T-001" }));
            Assert.That(report.Results.Select(r => r.Outcome), Is.EqualTo(new[] { Outcome.Fail, Outcome.Pass }));
            Assert.That(report.Describe(), Does.Contain("failed again: RSC-T-001 Fail: SEED.latency"));
        });
        var failure = FailureOf(report.AssertNoCaseFailedTwice);
        Assert.That(failure, Is.Not.Null, "the test must fail");
        Assert.That(failure, Does.Contain("RSC-T-001").And.Contain("SEED.latency").And.Not.Contain("RSC-T-002"));
    }

    [TestCase(Outcome.Error)]
    [TestCase(Outcome.NonStrict)]
    public async Task Errors_and_non_strict_outcomes_are_rerun_too(Outcome outcome)
    {
        var runner = new ScriptedRunner { ["RSC-T-001"] = [outcome, Outcome.Pass] };
        var reported = new List<Rerun>();

        await RerunPolicy.RunAsync([Case("RSC-T-001")], runner.RunAsync, reported.Add, CancellationToken.None);

        Assert.That(reported.Select(r => r.Outcome), Is.EqualTo(new[] { outcome }));
    }

    [Test]
    public async Task Info_is_not_rerun()
    {
        var runner = new ScriptedRunner { ["RSC-T-001"] = [Outcome.Info] };
        var reported = new List<Rerun>();

        await RerunPolicy.RunAsync([Case("RSC-T-001")], runner.RunAsync, reported.Add, CancellationToken.None);

        Assert.That(reported, Is.Empty);
        Assert.That(runner.Runs, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_rerun_after_an_error_without_findings_carries_the_error()
    {
        var result = Result(Case("RSC-T-001"), Outcome.Error) with { Findings = [], Error = "device exited with code 139" };

        Assert.That(Rerun.After(result), Is.EqualTo(new Rerun("RSC-T-001", Outcome.Error, "(no finding)", "device exited with code 139")));
    }

    [Test]
    public void A_rerun_names_the_first_finding_that_weighs_not_an_info_or_excused_one()
    {
        var info = new Finding("SEED.timing", Severity.Info, "observed", [], []);
        var excused = LateUnit with { Rule = "E.fin-merged", Excuse = "profile" };
        var result = Result(Case("RSC-T-001"), Outcome.Fail) with { Findings = [info, excused, LateUnit] };

        Assert.That(Rerun.After(result).Rule, Is.EqualTo("SEED.latency"));
    }

    /// <summary>Runs an assertion in a context of its own, so its failure is returned, not recorded against this test.</summary>
    private static string? FailureOf(Action assertion)
    {
        using (new TestExecutionContext.IsolatedContext())
        {
            try
            {
                assertion();
                return null;
            }
            catch (AssertionException e)
            {
                return e.Message;
            }
        }
    }

    private static ConformanceCase Case(string id) => new()
    {
        Id = id,
        Section = "T",
        Title = "stand-in",
        Description = "stand-in",
        Level = RequirementLevel.Must,
        Requirement = "stand-in",
        Source = "R",
        Build = _ => throw new InvalidOperationException("a stand-in case is never built"),
    };

    private static CaseResult Result(ConformanceCase conformanceCase, Outcome outcome) =>
        new(conformanceCase, outcome, outcome == Outcome.Pass ? [] : [LateUnit], TimeSpan.Zero, 0, 0, null, null, null, null, null);

    /// <summary>Returns, for each case, its scripted outcomes one attempt after another; records every run.</summary>
    private sealed class ScriptedRunner : Dictionary<string, Outcome[]>
    {
        public List<string> Runs { get; } = [];

        public Task<CaseResult> RunAsync(ConformanceCase conformanceCase, CancellationToken cancellationToken)
        {
            int attempt = Runs.Count(id => id == conformanceCase.Id);
            Runs.Add(conformanceCase.Id);
            var script = this[conformanceCase.Id];
            Assert.That(attempt, Is.LessThan(script.Length), $"{conformanceCase.Id} was run more often than scripted");
            return Task.FromResult(Result(conformanceCase, script[attempt]));
        }
    }
}
