using Rsc.Reports.Html.Input;

namespace Rsc.Reports.Html.Allure;

/// <summary>Allure results for a finished (or interrupted) run folder, from its results.json and per-case files.</summary>
public static class AllureRunExport
{
    /// <summary>Writes every judged case, every planned case never judged, the container and the environment; returns how many results.</summary>
    public static int Write(RunSource run, AllureResultsWriter writer)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writer);
        var document = run.Document;
        // Cases carry durations, not times: place them one after another from the run's start.
        var at = document.StartedUtc;
        int count = 0;
        foreach (var id in document.Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal))
        {
            var entry = run.Find(id)!;
            at += TimeSpan.FromMilliseconds(entry.DurationMs);
            writer.WriteCase(new AllureCase(document, entry, run.Folder, run.TimelineOf(entry), at));
            count++;
        }
        var reason = NotJudgedReason(document);
        foreach (var id in run.NotJudged)
        {
            writer.WriteNotJudged(document, id, reason, document.FinishedUtc ?? at);
            count++;
        }
        writer.WriteRunFiles(document);
        return count;
    }

    public static string NotJudgedReason(ResultsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Interrupted is { } i
            ? $"not judged: the run was interrupted ({i.Reason}{(i.Detail is { } d ? ": " + d : "")})"
            : document.FinishedUtc is null ? "not judged: the run had not finished (still running, or killed)" : "not judged";
    }
}
