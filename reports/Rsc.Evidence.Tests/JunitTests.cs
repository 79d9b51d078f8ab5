using System.Xml.Linq;
using Rsc.Evidence.Expectations;
using Rsc.Evidence.Handlers;
using Rsc.Evidence.Junit;

namespace Rsc.Evidence.Tests;

public sealed class JunitTests
{
    [Test]
    public void Failures_are_failures_unless_expected()
    {
        var work = TestRuns.TempFolder("junit");
        var run = Path.Combine(work, "run");
        var results = TestRuns.Run(run, "reference:fault=psh-from-last", ["FLAG"]);
        var plain = JunitReport.Build(results);
        int failed = results.Cases.Count(c => c.Outcome == Harness.Core.Outcome.Fail);
        Assert.That(failed, Is.GreaterThan(0));
        Assert.That(plain.Descendants("failure").Count(), Is.EqualTo(failed));

        var expectations = ExpectationsDraft.From(results, run);
        var judged = JunitReport.Build(results, expectations);
        Assert.That(judged.Descendants("failure"), Is.Empty);
        Assert.That(judged.Descendants("system-out").Select(s => s.Value), Has.Some.StartWith("expected Fail ["));

        var file = Path.Combine(work, "junit.xml");
        var r = HandlerOutcome.Of((o, e) => new JunitExportHandler(o, e).Run(new JunitExportOptions(run, file)));
        Assert.That(r.ExitCode, Is.EqualTo(0), r.Error);
        var parsed = XDocument.Load(file);
        Assert.That(parsed.Root!.Element("testsuite")!.Attribute("tests")!.Value, Is.EqualTo(results.Cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
