using Rsc.Harness.Core;
using Rsc.Reports;
using Spectre.Console;

namespace Rsc.Cli.Terminal;

/// <summary>The case log at a terminal: a live progress display while cases run, then a coloured summary table.</summary>
public sealed class LiveCaseLog(IAnsiConsole console, TimeProvider clock, int planned) : ICaseLog
{
    private LiveProgress? _progress;

    public void Line(string text) => console.WriteLine(text);

    public void Started(int index, string caseId)
    {
        _progress ??= LiveProgress.Start(console, clock, "cases", planned);
        _progress.Current(caseId);
    }

    public void Finished(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _progress?.Completed(entry.Outcome, entry.Outcome is Outcome.Pass ? null : SummaryView.NoteLine(entry));
    }

    public async Task StoppedAsync(string reason)
    {
        if (_progress is not null)
        {
            await _progress.StopAsync(reason).ConfigureAwait(false);
            _progress = null;
        }
        else
        {
            console.MarkupLine($"[yellow]{Markup.Escape(reason)}[/]");
        }
    }

    public async Task SummaryAsync(IReadOnlyList<CaseEntry> entries)
    {
        if (_progress is not null)
        {
            await _progress.StopAsync().ConfigureAwait(false);
            _progress = null;
        }
        console.WriteLine();
        console.Write(SummaryView.Table(entries));
        console.MarkupLine(SummaryView.Totals(ResultsRecorder.Summarize(entries)));
    }
}
