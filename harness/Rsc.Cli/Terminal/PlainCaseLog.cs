using System.Globalization;
using Rsc.Harness.Core;
using Rsc.Reports;

namespace Rsc.Cli.Terminal;

/// <summary>
/// The line-per-case log ("[ 3/111] RSC-FLAG-001  Pass  2.1 ms"): the case's id is written when it
/// starts, so a slow case is visible while it runs, and its outcome completes the line.
/// </summary>
public sealed class PlainCaseLog(TextWriter output, IReadOnlyList<string> plannedIds) : ICaseLog
{
    private readonly int _idWidth = plannedIds.Count == 0 ? 0 : plannedIds.Max(id => id.Length);
    private readonly int _countWidth = plannedIds.Count.ToString(CultureInfo.InvariantCulture).Length;

    public void Line(string text) => output.WriteLine(text);

    public void Started(int index, string caseId)
    {
        output.Write($"[{(index + 1).ToString(CultureInfo.InvariantCulture).PadLeft(_countWidth)}/{plannedIds.Count}] {caseId.PadRight(_idWidth)} ");
        output.Flush();
    }

    public void Finished(CaseEntry entry) => output.WriteLine(Tail(entry));

    public Task StoppedAsync(string reason)
    {
        output.WriteLine(reason);
        return Task.CompletedTask;
    }

    public Task SummaryAsync(IReadOnlyList<CaseEntry> entries)
    {
        output.WriteLine();
        output.Write(SummaryTable.Render(entries));
        return Task.CompletedTask;
    }

    /// <summary>Outcome, duration and, unless it passed, what decided it.</summary>
    public static string Tail(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = $"{entry.Outcome,-9} {SummaryTable.FormatDuration(entry.DurationMs),8}";
        if (entry.Outcome != Outcome.Pass)
        {
            var note = SummaryTable.Note(entry);
            if (note.Length > 0)
            {
                line += "  " + (note.Length > 90 ? string.Concat(note.AsSpan(0, 87), "...") : note);
            }
        }
        return line.TrimEnd();
    }
}
