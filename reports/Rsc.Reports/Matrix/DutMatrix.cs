using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;

namespace Rsc.Reports.Matrix;

/// <summary>
/// Several runs of the catalogue side by side: one row per case, one column per device, each cell
/// the outcome and, when it is not a Pass, the rule that decided it.
/// </summary>
public static class DutMatrix
{
    /// <summary>A column heading: the device's spelling, with interval and spacing when the runs differ in them.</summary>
    public static string Heading(ResultsDocument run, IReadOnlyList<ResultsDocument> runs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runs);
        bool timingDiffers = runs.Select(r => (r.Settings.IntervalUs, r.Settings.SpacingUs)).Distinct().Count() > 1;
        var heading = timingDiffers
            ? string.Create(CultureInfo.InvariantCulture, $"{run.Dut.Name} ({run.Settings.IntervalUs:0.#}/{run.Settings.SpacingUs:0.#} us)")
            : run.Dut.Name;
        return run.Complete == false ? heading + " INCOMPLETE" : heading;
    }

    /// <summary>The markdown table; with <paramref name="differencesOnly"/> only rows whose outcomes differ.</summary>
    public static string RenderMarkdown(IReadOnlyList<ResultsDocument> runs, bool differencesOnly)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = new StringBuilder();
        text.Append("| case |");
        foreach (var run in runs)
        {
            text.Append(' ').Append(Heading(run, runs)).Append(" |");
        }
        text.Append('\n').Append("|---|");
        foreach (var _ in runs)
        {
            text.Append("---|");
        }
        text.Append('\n');
        foreach (var id in CaseIds(runs))
        {
            var cells = runs.Select(r => Cell(r, id)).ToList();
            if (differencesOnly && cells.Select(c => c.Outcome).Distinct().Count() <= 1)
            {
                continue;
            }
            text.Append("| ").Append(id).Append(" |");
            foreach (var cell in cells)
            {
                text.Append(' ').Append(cell.Text.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |");
            }
            text.Append('\n');
        }
        text.Append("| **total** |");
        foreach (var run in runs)
        {
            text.Append(' ').Append(Totals(run)).Append(" |");
        }
        return text.Append('\n').ToString();
    }

    /// <summary>"102 Pass" or "80 Pass, 3 Fail, 19 Info".</summary>
    public static string Totals(ResultsDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var counts = new List<string>();
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            int n = run.Cases.Count(c => c.Outcome == outcome);
            if (n > 0)
            {
                counts.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {outcome}"));
            }
        }
        var totals = counts.Count == 0 ? "no cases" : string.Join(", ", counts);
        return run.IncompleteNote() is { } note && run.Complete == false ? $"{totals}; {note}" : totals;
    }

    /// <summary>Case ids in the order the runs list them, each once.</summary>
    public static IReadOnlyList<string> CaseIds(IReadOnlyList<ResultsDocument> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var run in runs)
        {
            foreach (var id in run.Cases.Select(c => c.Id).Concat(run.PlannedCases))
            {
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }
        return ids;
    }

    /// <summary>The outcome of <paramref name="id"/> in <paramref name="run"/> and its cell text.</summary>
    public static (Outcome? Outcome, string Text) Cell(ResultsDocument run, string id)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entry = run.Cases.FirstOrDefault(c => c.Id == id);
        if (entry is null)
        {
            return (null, run.PlannedCases.Contains(id, StringComparer.Ordinal) ? "not judged" : "—");
        }
        if (entry.Outcome == Outcome.Pass)
        {
            return (entry.Outcome, "Pass");
        }
        if (entry.Outcome == Outcome.Error)
        {
            return (entry.Outcome, "Error");
        }
        var deciding = SummaryTable.DecisiveFinding(entry);
        return (entry.Outcome, deciding is null ? entry.Outcome.ToString() : $"{entry.Outcome} ({deciding.Rule})");
    }
}
