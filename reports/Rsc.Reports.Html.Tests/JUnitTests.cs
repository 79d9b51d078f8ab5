using System.Globalization;
using System.Xml.Linq;
using Rsc.Harness.Core;
using Rsc.Reports.JUnit;

namespace Rsc.Reports.Html.Tests;

/// <summary>
/// The JUnit file against the structure Azure DevOps' PublishTestResults (JUnit) and the common
/// JUnit XSD expect: testsuites / testsuite (name, tests, failures, errors, skipped, time,
/// timestamp, hostname) / properties, testcase (classname, name, time) with at most one of
/// failure (message, type), error or skipped; counts that add up.
/// </summary>
public sealed class JUnitTests
{
    private static readonly string[] SuiteAttributes = ["name", "tests", "failures", "errors", "skipped", "time", "timestamp", "hostname", "id"];
    private static readonly string[] CaseChildren = ["failure", "error", "skipped", "system-out", "system-err"];

    private static string[] Runs => [ReportFixture.ReferenceRun, ReportFixture.FaultedRun, ReportFixture.InterruptedRun, ReportFixture.LegacyRun];

    [Test]
    public void The_file_has_a_suite_per_run_and_a_case_per_planned_case()
    {
        var xml = XDocument.Load(ReportFixture.JUnitFile);
        var root = xml.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        var suites = root.Elements().ToList();
        Assert.That(suites.Select(s => s.Name.LocalName), Is.All.EqualTo("testsuite"));
        Assert.That(suites, Has.Count.EqualTo(Runs.Length));
        for (int i = 0; i < Runs.Length; i++)
        {
            var doc = ReportFixture.Results(Runs[i]);
            var suite = suites[i];
            Assert.That(suite.Attributes().Select(a => a.Name.LocalName), Is.SubsetOf(SuiteAttributes));
            Assert.That((string?)suite.Attribute("name"), Is.EqualTo(doc.Dut.Name));
            var cases = suite.Elements("testcase").ToList();
            Assert.That(cases, Has.Count.EqualTo(Math.Max(doc.Planned, doc.Cases.Count)), doc.Dut.Name);
            Assert.That(Int(suite, "tests"), Is.EqualTo(cases.Count));
            Assert.That(Int(suite, "failures"), Is.EqualTo(cases.Count(c => c.Element("failure") is not null)));
            Assert.That(Int(suite, "errors"), Is.EqualTo(cases.Count(c => c.Element("error") is not null)));
            Assert.That(Int(suite, "skipped"), Is.EqualTo(cases.Count(c => c.Element("skipped") is not null)));
            Assert.That(double.Parse((string)suite.Attribute("time")!, CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
            Assert.That(DateTime.TryParse((string)suite.Attribute("timestamp")!, CultureInfo.InvariantCulture, out _), Is.True);
            var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
            Assert.That(properties["intervalUs"], Is.EqualTo(doc.Settings.IntervalUs.ToString("0.###", CultureInfo.InvariantCulture)));
            Assert.That(properties["spacingUs"], Is.EqualTo(doc.Settings.SpacingUs.ToString("0.###", CultureInfo.InvariantCulture)));
            Assert.That(properties["complete"], Is.EqualTo(doc.Complete == true ? "true" : "false"));
            Assert.That(suite.Elements().Select(e => e.Name.LocalName).Distinct(), Is.SubsetOf(new[] { "properties", "testcase", "system-out", "system-err" }));
            Assert.That(suite.Elements().First().Name.LocalName, Is.EqualTo("properties"), "properties come first");
        }
    }

    [Test]
    public void Each_case_is_named_by_device_section_and_id_and_carries_its_verdict()
    {
        var xml = XDocument.Load(ReportFixture.JUnitFile);
        var suites = xml.Root!.Elements("testsuite").ToList();
        for (int i = 0; i < Runs.Length; i++)
        {
            var doc = ReportFixture.Results(Runs[i]);
            var byName = suites[i].Elements("testcase").ToDictionary(c => (string)c.Attribute("name")!);
            foreach (var entry in doc.Cases)
            {
                var tc = byName[entry.Id];
                Assert.That((string?)tc.Attribute("classname"), Is.EqualTo($"{doc.Dut.Name}.{entry.Section}"));
                Assert.That(double.TryParse((string?)tc.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out _), Is.True);
                Assert.That(tc.Elements().Select(e => e.Name.LocalName), Is.SubsetOf(CaseChildren));
                Assert.That(tc.Elements().Count(e => e.Name.LocalName is "failure" or "error" or "skipped"), Is.AtMost(1));
                var failure = tc.Element("failure");
                if (entry.Outcome is Outcome.Fail or Outcome.Error)
                {
                    Assert.That(failure, Is.Not.Null, entry.Id);
                    Assert.That((string?)failure!.Attribute("type"), Is.EqualTo(entry.Outcome.ToString()));
                    var first = SummaryTable.DecisiveFinding(entry);
                    if (entry.Outcome == Outcome.Fail)
                    {
                        Assert.That((string?)failure.Attribute("message"), Does.StartWith(first!.Rule));
                        Assert.That(entry.Findings.Select(f => f.Rule), Is.All.Matches<string>(rule => failure.Value.Contains(rule, StringComparison.Ordinal)), "all findings in the text");
                    }
                }
                else
                {
                    Assert.That(failure, Is.Null, entry.Id);
                }
                Assert.That(tc.Element("skipped") is not null, Is.EqualTo(entry.Outcome == Outcome.Info), entry.Id);
            }
            foreach (var id in doc.NotJudged())
            {
                Assert.That((string?)byName[id].Element("skipped")!.Attribute("message"), Does.StartWith("not judged"));
            }
        }
    }

    [Test]
    public void A_run_folder_writes_junit_when_asked_and_it_parses()
    {
        var folder = Support.SampleRuns.TempFolder("junit-run");
        var file = Path.Combine(folder, "out", "junit.xml");
        var run = Support.SampleRuns.RunAsync(Path.Combine(folder, "run"), "reference:fault=ttl-from-last", Support.SampleRuns.Section("IP"),
            options: new Harness.Reporting.RunFolderOptions { JUnitFile = file }).GetAwaiter().GetResult();
        var xml = XDocument.Load(file);
        var cases = xml.Root!.Element("testsuite")!.Elements("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(run.Document.Cases.Count));
        Assert.That(cases.Count(c => c.Element("failure") is not null), Is.EqualTo(run.Document.Summary.Fail + run.Document.Summary.Error));
        Assert.That(run.Document.Summary.Fail, Is.GreaterThan(0), "ttl-from-last fails an IP case");
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Control_characters_from_a_device_never_break_the_xml()
    {
        var doc = ReportFixture.Results(ReportFixture.ReferenceRun);
        var broken = doc with { Cases = [doc.Cases[0] with { Outcome = Outcome.Error, Error = "device wrote \u0001\u0007 garbage" }] };
        var text = JUnitReport.Render([broken]);
        var failure = XDocument.Parse(text).Descendants("failure").Single();
        Assert.That((string?)failure.Attribute("message"), Is.EqualTo("device wrote ?? garbage"));
    }

    private static int Int(XElement e, string name) => int.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
}
