using System.Xml.Linq;
using Rsc.Evidence.Expectations;
using Rsc.Evidence.Handlers;
using Rsc.Evidence.Junit;
using Rsc.Reports.JUnit;

namespace Rsc.Evidence.Tests;

public sealed class JunitTests
{
    [Test]
    public void Failures_are_failures_unless_expected()
    {
        var work = TestRuns.TempFolder("junit");
        var run = Path.Combine(work, "run");
        var results = TestRuns.Run(run, "reference:fault=psh-from-last", ["FLAG"]);
        var plain = XDocument.Parse(JUnitReport.Render([results]));
        int failed = results.Cases.Count(c => c.Outcome == Harness.Core.Outcome.Fail);
        Assert.That(failed, Is.GreaterThan(0));
        Assert.That(plain.Descendants("failure").Count(), Is.EqualTo(failed));

        var expectations = ExpectationsDraft.From(results, run);
        var judged = XDocument.Parse(JUnitReport.Render([results], ExpectedDeviations.From(expectations)));
        Assert.That(judged.Descendants("failure"), Is.Empty);
        Assert.That(judged.Root!.Attribute("failures")!.Value, Is.EqualTo("0"));
        Assert.That(judged.Descendants("system-out").Select(s => s.Value), Has.Exactly(failed).StartWith("expected Fail: ["));

        var file = Path.Combine(work, "junit.xml");
        var r = HandlerOutcome.Of((o, e) => new JunitExportHandler(o, e).Run(new JunitExportOptions(run, file)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        var parsed = XDocument.Load(file);
        Assert.That(parsed.Root!.Element("testsuite")!.Attribute("tests")!.Value, Is.EqualTo(results.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(parsed.Descendants("failure").Count(), Is.EqualTo(failed));
    }

    [Test]
    public void An_expectation_with_other_rules_does_not_hide_a_failure()
    {
        var work = TestRuns.TempFolder("junit-other");
        var run = Path.Combine(work, "run");
        var results = TestRuns.Run(run, "reference:fault=psh-from-last", ["FLAG"]);
        var draft = ExpectationsDraft.From(results, run);
        var wrong = draft with { Cases = [.. draft.Cases.Select(c => c with { Rules = ["R.not-this-rule"] })] };
        var judged = XDocument.Parse(JUnitReport.Render([results], ExpectedDeviations.From(wrong)));
        Assert.That(judged.Descendants("failure").Count(), Is.EqualTo(results.Cases.Count(c => c.Outcome == Harness.Core.Outcome.Fail)));
    }
}
