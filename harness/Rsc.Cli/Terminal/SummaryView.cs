using Rsc.Harness.Core;
using Rsc.Reports;
using Spectre.Console;

namespace Rsc.Cli.Terminal;

/// <summary>The end-of-run summary at a terminal: the cases that decide something, coloured by outcome, and the totals.</summary>
public static class SummaryView
{
    /// <summary>Up to this many cases every case is shown; beyond it the passing ones are left out (results.json has them all).</summary>
    public const int AllCasesUpTo = 30;

    public static Table Table(IReadOnlyList<CaseEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var shown = entries.Count <= AllCasesUpTo ? entries : [.. entries.Where(e => e.Outcome != Outcome.Pass)];
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("ID")
            .AddColumn("Outcome")
            .AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn("First finding");
        foreach (var entry in shown)
        {
            table.AddRow(
                Markup.Escape(entry.Id),
                OutcomeStyle.Markup(entry.Outcome),
                SummaryTable.FormatDuration(entry.DurationMs),
                Markup.Escape(Shorten(SummaryTable.Note(entry), SummaryTable.MaxNoteLength)));
        }
        if (shown.Count < entries.Count)
        {
            table.Caption($"{entries.Count - shown.Count} passing case(s) not shown");
        }
        return table;
    }

    /// <summary>"111 cases: 111 pass, ..." with each count in its outcome's colour.</summary>
    public static string Totals(SummaryEntry s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"{s.Total} case{(s.Total == 1 ? "" : "s")}: [{OutcomeStyle.Colour(Outcome.Pass)}]{s.Pass} pass[/], [{OutcomeStyle.Colour(Outcome.NonStrict)}]{s.NonStrict} non-strict[/], "
            + $"[{OutcomeStyle.Colour(Outcome.Fail)}]{s.Fail} fail[/], [{OutcomeStyle.Colour(Outcome.Info)}]{s.Info} info[/], [{OutcomeStyle.Colour(Outcome.Error)}]{s.Error} error[/]";
    }

    /// <summary>A finished case that was not a pass, as a line of the live display.</summary>
    public static string NoteLine(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return $"{OutcomeStyle.Markup(entry.Outcome)} {Markup.Escape(entry.Id)}  [grey]{Markup.Escape(Shorten(SummaryTable.Note(entry), 90))}[/]";
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 3), "...");
    }
}
