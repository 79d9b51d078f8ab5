using System.Globalization;
using System.Text;
using System.Xml;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.JUnit;

/// <summary>
/// JUnit XML as Azure DevOps' PublishTestResults (testResultsFormat JUnit) reads it: a
/// <c>testsuites</c> root, a <c>testsuite</c> per run (device), a <c>testcase</c> per case with
/// classname DEVICE.SECTION and name the case id. Fail and Error carry a <c>failure</c> (type
/// "Fail" or "Error") whose message is the first decisive finding (or the error) and whose text
/// lists every finding; Info and cases never judged are <c>skipped</c>; Pass and NonStrict pass
/// (NonStrict's unmet SHOULDs go to system-out). The suite's properties hold the settings and the device.
/// Given a <see cref="KnownDeviation"/> (a device's expectations file), a Fail, NonStrict or Error it
/// names passes, its reason first in system-out, so the CI tab shows regressions red and known
/// deviations green.
/// </summary>
public static class JUnitReport
{
    /// <summary>
    /// The reason a case's outcome is a known deviation of its device (it then passes), or null when
    /// it is not (it is reported as it came out).
    /// </summary>
    public delegate string? KnownDeviation(ResultsDocument run, CaseEntry entry);

    /// <summary>Writes the XML for <paramref name="runs"/> atomically to <paramref name="path"/>.</summary>
    public static void WriteFile(string path, IReadOnlyList<ResultsDocument> runs, KnownDeviation? known = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        AtomicFile.Write(path, stream => Write(stream, runs, known));
    }

    public static string Render(IReadOnlyList<ResultsDocument> runs, KnownDeviation? known = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, runs, known);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Stream stream, IReadOnlyList<ResultsDocument> runs, KnownDeviation? known = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(runs);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "rsc");
        Counts total = default;
        foreach (var run in runs)
        {
            total += CountsOf(run, known);
        }
        WriteCounts(xml, total);
        for (int i = 0; i < runs.Count; i++)
        {
            WriteSuite(xml, runs[i], i, known);
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    /// <summary>The classname of a case: the device's name, a dot, the case's section.</summary>
    public static string ClassName(ResultsDocument run, CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(entry);
        return $"{run.Dut.Name}.{(entry.Section.Length > 0 ? entry.Section : KillMatrix.KillMatrixTable.SectionOf(entry.Id))}";
    }

    private static void WriteSuite(XmlWriter xml, ResultsDocument run, int id, KnownDeviation? known)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", run.Dut.Name);
        xml.WriteAttributeString("id", id.ToString(CultureInfo.InvariantCulture));
        WriteCounts(xml, CountsOf(run, known));
        xml.WriteAttributeString("timestamp", run.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", Clean(run.Environment.Machine));

        xml.WriteStartElement("properties");
        foreach (var (name, value) in Properties(run))
        {
            xml.WriteStartElement("property");
            xml.WriteAttributeString("name", name);
            xml.WriteAttributeString("value", Clean(value));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();

        foreach (var entry in run.Cases)
        {
            WriteCase(xml, run, entry, KnownReason(run, entry, known));
        }
        var reason = NotJudgedReason(run);
        foreach (var id2 in run.NotJudged())
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", $"{run.Dut.Name}.{KillMatrix.KillMatrixTable.SectionOf(id2)}");
            xml.WriteAttributeString("name", id2);
            xml.WriteAttributeString("time", "0");
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", reason);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, ResultsDocument run, CaseEntry entry, string? knownDeviation)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", ClassName(run, entry));
        xml.WriteAttributeString("name", entry.Id);
        xml.WriteAttributeString("time", Seconds(entry.DurationMs));
        switch (knownDeviation is null ? entry.Outcome : Outcome.Pass)
        {
            case Outcome.Fail:
            case Outcome.Error:
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("type", entry.Outcome.ToString());
                xml.WriteAttributeString("message", Clean(OneLine(SummaryTable.Note(entry) is { Length: > 0 } note ? note : entry.Outcome.ToString())));
                xml.WriteString(Clean(FindingsText(entry)));
                xml.WriteEndElement();
                break;
            case Outcome.Info:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean(OneLine(SummaryTable.Note(entry) is { Length: > 0 } info ? info : "informational")));
                xml.WriteEndElement();
                break;
        }
        var output = new StringBuilder();
        if (knownDeviation is not null)
        {
            output.Append(CultureInfo.InvariantCulture, $"expected {entry.Outcome}: {OneLine(knownDeviation)}\n");
        }
        output.Append(CultureInfo.InvariantCulture, $"{entry.Title}\noutcome {entry.Outcome}; interval {entry.IntervalUs:0.###} us, spacing {entry.SpacingUs:0.###} us; {entry.SentFrames} sent, {entry.GuestFrames} guest, {entry.CoalescedFrames} coalesced\n");
        if (entry.Outcome == Outcome.NonStrict || knownDeviation is not null)
        {
            output.Append(FindingsText(entry));
        }
        if (entry.Artifacts?.WireLog is { } wireLog)
        {
            output.Append("wire log: ").Append(wireLog).Append('\n');
        }
        xml.WriteElementString("system-out", Clean(output.ToString()));
        xml.WriteEndElement();
    }

    private static string FindingsText(CaseEntry entry)
    {
        var text = new StringBuilder();
        if (entry.Error is { } error)
        {
            text.Append("error: ").Append(error).Append('\n');
        }
        foreach (var f in entry.Findings)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{f.Severity}] {f.Rule}: {OneLine(f.Message)} (guest {Frames(f.Frames)}; sent {Frames(f.SentFrames)})");
            if (f.Excuse is { } excuse)
            {
                text.Append(" excused: ").Append(OneLine(excuse));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Properties(ResultsDocument run)
    {
        var s = run.Settings;
        yield return ("dut", run.Dut.Name);
        if (run.Dut.Kind is { } kind)
        {
            yield return ("dut.kind", kind);
        }
        if (run.Dut.Version is { } version)
        {
            yield return ("dut.version", version);
        }
        if (run.Dut.Timing is { } timing)
        {
            yield return ("dut.timing", timing.ToString());
        }
        foreach (var p in run.Dut.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return ($"dut.{p.Key}", p.Value);
        }
        yield return ("spacingUs", Number(s.SpacingUs));
        yield return ("intervalUs", Number(s.IntervalUs));
        if (s.TimeoutS is { } timeout)
        {
            yield return ("timeoutS", Number(timeout));
        }
        if (s.LatencyAllowanceUs is { } allowance)
        {
            yield return ("latencyAllowanceUs", Number(allowance));
        }
        yield return ("caseFilter", string.Join(' ', s.CaseFilter));
        yield return ("tool", $"{run.Tool.Name} {run.Tool.Version}");
        yield return ("planned", run.Planned.ToString(CultureInfo.InvariantCulture));
        yield return ("complete", run.Complete switch { true => "true", false => "false", null => "not recorded" });
        if (run.Interrupted is { } interrupted)
        {
            yield return ("interrupted", $"{interrupted.Reason}{(interrupted.Detail is { } d ? ": " + d : "")}");
        }
    }

    private static string NotJudgedReason(ResultsDocument run) => run.Interrupted is { } i
        ? $"not judged: the run was interrupted ({i.Reason}{(i.Detail is { } d ? ": " + OneLine(d) : "")})"
        : run.FinishedUtc is null ? "not judged: the run had not finished when this was written" : "not judged";

    private readonly record struct Counts(int Tests, int Failures, int Skipped, double TimeMs)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Tests + b.Tests, a.Failures + b.Failures, a.Skipped + b.Skipped, a.TimeMs + b.TimeMs);
    }

    private static string? KnownReason(ResultsDocument run, CaseEntry entry, KnownDeviation? known) =>
        known is not null && entry.Outcome is Outcome.Fail or Outcome.NonStrict or Outcome.Error ? known(run, entry) : null;

    private static Counts CountsOf(ResultsDocument run, KnownDeviation? known)
    {
        int notJudged = run.NotJudged().Count;
        return new Counts(
            run.Cases.Count + notJudged,
            run.Cases.Count(c => c.Outcome is Outcome.Fail or Outcome.Error && KnownReason(run, c, known) is null),
            run.Cases.Count(c => c.Outcome == Outcome.Info) + notJudged,
            run.Cases.Sum(c => c.DurationMs));
    }

    private static void WriteCounts(XmlWriter xml, Counts c)
    {
        xml.WriteAttributeString("tests", c.Tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", c.Failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("skipped", c.Skipped.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("time", Seconds(c.TimeMs));
    }

    private static string Seconds(double ms) => (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Frames(IReadOnlyList<int> frames) => frames.Count == 0 ? "-" : string.Join(',', frames);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>XML 1.0 cannot carry most control characters, which a device's error text may hold.</summary>
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                return new string([.. text.Select(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch) ? ch : '?')]);
            }
        }
        return text;
    }
}
