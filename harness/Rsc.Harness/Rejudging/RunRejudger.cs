using System.Text.Json;
using Rsc.Harness.Cases;
using Rsc.Harness.Reporting;
using Rsc.Reports;

namespace Rsc.Harness.Rejudging;

/// <summary>
/// Re-judges every case of a recorded run folder with today's oracle into a new run folder: the
/// same header (device, settings, environment, plan of cases), each case's capture carried over,
/// new verdicts, wire logs and a results.json that says which run it re-judged
/// (<see cref="ResultsDocument.Rejudged"/>). The recorded folder is only read.
/// </summary>
public sealed class RunRejudger(IReadOnlyList<ConformanceCase> catalogue, ToolEntry tool, TimeProvider clock)
{
    private readonly CaseRejudger _cases = new(catalogue);

    /// <summary>The run folder's results.json.</summary>
    /// <exception cref="RecordedRunException">No run folder, or its results.json cannot be read.</exception>
    public static ResultsDocument ReadResults(string runFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        var path = Path.Combine(runFolder, RunFolder.ResultsFileName);
        if (!Directory.Exists(runFolder))
        {
            throw new RecordedRunException($"{runFolder}: no such folder");
        }
        if (!File.Exists(path))
        {
            throw new RecordedRunException($"{runFolder}: not a run folder (no {RunFolder.ResultsFileName})");
        }
        try
        {
            var document = ResultsJson.ReadFile(path);
            if (document.Dut is null || document.Settings is null || document.Tool is null)
            {
                throw new RecordedRunException($"{path}: not a results file (tool, dut or settings missing)");
            }
            return document;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new RecordedRunException($"{path}: not a readable results file: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Opens <paramref name="outFolder"/> for the re-judged run of <paramref name="recorded"/> (read from <paramref name="runFolder"/>).</summary>
    public RunFolder Open(string runFolder, ResultsDocument recorded, string outFolder)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var header = recorded with
        {
            Tool = tool,
            Summary = new SummaryEntry(),
            Complete = null,
            InProgress = null,
            FinishedUtc = null,
            Cases = [],
            Rejudged = new RejudgedEntry(runFolder, recorded.Tool, clock.GetUtcNow()),
        };
        return new RunFolder(outFolder, header);
    }

    /// <summary>Re-judges every recorded case into <paramref name="folder"/>, in the recorded order; <paramref name="judged"/> sees each pair of entries.</summary>
    public IReadOnlyList<(CaseEntry Recorded, CaseEntry Rejudged)> Rejudge(
        string runFolder, ResultsDocument recorded, RunFolder folder, Action<CaseEntry, CaseEntry>? judged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(folder);
        var pairs = new List<(CaseEntry, CaseEntry)>(recorded.Cases.Count);
        foreach (var entry in recorded.Cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            folder.Begin(entry.Id);
            var result = _cases.Rejudge(runFolder, recorded, entry);
            var rejudged = folder.Record(result);
            pairs.Add((entry, rejudged));
            judged?.Invoke(entry, rejudged);
        }
        folder.Finish(clock.GetUtcNow());
        return pairs;
    }
}
