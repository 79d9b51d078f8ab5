using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Rsc.Evidence.Expectations;
using Rsc.Harness.Core;
using Rsc.Reports;

namespace Rsc.Evidence.Junit;

/// <summary>
/// A run as JUnit XML (one testsuite, one testcase per case) for CI test tabs. Fail and Error are
/// failures and errors; Info is skipped with its reason; Pass and NonStrict pass (NonStrict with its
/// finding as output). With expectations, an expected failure on exactly its expected rules passes,
/// marked "expected", so the tab shows regressions red and known deviations green.
/// </summary>
public static class JunitReport
{
    public static XDocument Build(ResultsDocument results, ExpectationsDocument? expectations = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var expected = expectations?.Cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase) ?? [];
        var suiteName = $"rsc {results.Dut.Name}";
        var cases = new List<XElement>();
        int failures = 0, errors = 0, skipped = 0;
        foreach (var c in results.Cases)
        {
            var element = new XElement("testcase",
                new XAttribute("classname", $"{suiteName}.{c.Section}"),
                new XAttribute("name", $"{c.Id} {c.Title}"),
                new XAttribute("time", (c.DurationMs / 1000).ToString("0.000", CultureInfo.InvariantCulture)));
            var note = SummaryTable.Note(c);
            var observed = expectations is null ? null : ExpectationComparer.Observe(c, expectations.Tolerated);
            if (observed is { Counted: true } && expected.TryGetValue(c.Id, out var e) && e.Outcome == observed.Outcome
                && e.Rules.Order(StringComparer.Ordinal).SequenceEqual(observed.Rules, StringComparer.Ordinal))
            {
                element.Add(new XElement("system-out", $"expected {e.Outcome} [{string.Join(", ", e.Rules)}]: {e.Reason}\n{note}"));
            }
            else
            {
                switch (c.Outcome)
                {
                    case Outcome.Fail:
                        failures++;
                        element.Add(new XElement("failure", new XAttribute("message", note), Details(c)));
                        break;
                    case Outcome.Error:
                        errors++;
                        element.Add(new XElement("error", new XAttribute("message", c.Error ?? note)));
                        break;
                    case Outcome.Info:
                        skipped++;
                        element.Add(new XElement("skipped", new XAttribute("message", note)));
                        break;
                    case Outcome.NonStrict:
                        element.Add(new XElement("system-out", "NonStrict: " + note));
                        break;
                }
            }
            cases.Add(element);
        }
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", failures),
            new XAttribute("errors", errors),
            new XAttribute("skipped", skipped),
            new XAttribute("timestamp", results.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
        return new XDocument(new XElement("testsuites", suite));
    }

    public static string Render(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, NewLineChars = "\n", OmitXmlDeclaration = false, Encoding = Encoding.UTF8 }))
        {
            document.Save(writer);
        }
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }

    private static string Details(CaseEntry c) => string.Join('\n', c.Findings
        .Where(f => f.Severity is Harness.Oracle.Severity.Fail or Harness.Oracle.Severity.NonStrict)
        .Select(f => $"{f.Severity} {f.Rule}: {f.Message}"));
}
