using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;

namespace Rsc.Reports;

/// <summary>The end-of-run console table: one line per case with what decided its verdict, then totals.</summary>
public static class SummaryTable
{
    public const int MaxNoteLength = 110;

    public static string Render(IReadOnlyList<CaseEntry> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var table = new TextTable("ID", "OUTCOME", "DURATION", "FIRST FINDING").AlignRight(2);
        foreach (var c in cases)
        {
            table.Add(c.Id, c.Outcome.ToString(), FormatDuration(c.DurationMs), Shorten(Note(c), MaxNoteLength));
        }
        var text = new StringBuilder(table.Render());
        text.Append(Totals(ResultsRecorder.Summarize(cases))).Append('\n');
        return text.ToString();
    }

    public static string Totals(SummaryEntry s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"{s.Total} case{(s.Total == 1 ? "" : "s")}: {s.Pass} pass, {s.NonStrict} non-strict, {s.Fail} fail, {s.Info} info, {s.Error} error";
    }

    public static string FormatDuration(double ms) => ms switch
    {
        < 10 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
        < 10_000 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
        _ => (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>The error, else the most severe finding (the first of its severity), else nothing.</summary>
    public static string Note(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Outcome == Outcome.Error && entry.Error is { } error)
        {
            return error;
        }
        var decisive = DecisiveFinding(entry);
        return decisive is null ? entry.Error ?? "" : $"{decisive.Rule}: {decisive.Message}";
    }

    /// <summary>The first Fail finding, else the first NonStrict one, else the first excused one of the case's own requirement, else any excused one, else the first of any; null when there are none.</summary>
    public static FindingEntry? DecisiveFinding(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Findings.FirstOrDefault(f => f.Severity == Severity.Fail)
            ?? entry.Findings.FirstOrDefault(f => f.Severity == Severity.NonStrict)
            ?? entry.Findings.FirstOrDefault(f => f.Excuse is not null && entry.ExcusedRules.Contains(f.Rule))
            ?? entry.Findings.FirstOrDefault(f => f.Excuse is not null)
            ?? entry.Findings.FirstOrDefault();
    }

    /// <summary>The totals line of a run, with its completeness when it is not complete.</summary>
    public static string Totals(ResultsDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var totals = Totals(run.Summary);
        return run.Complete == false && run.IncompleteNote() is { } note ? $"{totals}\n{note}" : totals;
    }

    private static string Shorten(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, max - 3), "...");
    }
}
