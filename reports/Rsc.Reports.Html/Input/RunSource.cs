using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Input;

/// <summary>A run folder: its results.json and where its per-case files are.</summary>
public sealed class RunSource
{
    public const string ResultsFileName = "results.json";

    private readonly Dictionary<string, CaseEntry> _byId;

    public RunSource(string folder, ResultsDocument document)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(document);
        Folder = Path.GetFullPath(folder);
        Document = document;
        _byId = new Dictionary<string, CaseEntry>(StringComparer.Ordinal);
        foreach (var c in document.Cases)
        {
            // A case recorded twice (a resumed file) shows its last verdict.
            _byId[c.Id] = c;
        }
        NotJudged = document.NotJudged();
    }

    public string Folder { get; }

    public ResultsDocument Document { get; }

    /// <summary>Planned cases without a verdict.</summary>
    public IReadOnlyList<string> NotJudged { get; }

    public CaseEntry? Find(string caseId) => _byId.GetValueOrDefault(caseId);

    /// <summary>The run was interrupted, killed, or is still running: some planned cases may be missing.</summary>
    public bool Incomplete => Document.Complete == false;

    /// <summary>Written before runs recorded whether they were complete.</summary>
    public bool CompletenessUnknown => Document.Complete is null;

    /// <summary>The absolute path of a file results.json names relative to the run folder; null when not named.</summary>
    public string? PathOf(string? relative) =>
        relative is null ? null : Path.GetFullPath(Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>The case's timeline.json, when the run wrote one and it reads; null otherwise.</summary>
    public CaseTimeline? TimelineOf(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var path = PathOf(entry.Artifacts?.Timeline)
            ?? (entry.Artifacts?.WireLog is { } wire ? Path.Combine(Path.GetDirectoryName(PathOf(wire))!, CaseTimeline.FileName) : null);
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        try
        {
            return TimelineJson.ReadFile(path);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>How many cases have each outcome.</summary>
    public int Count(Outcome outcome) => _byId.Values.Count(c => c.Outcome == outcome);

    public static RunSource Load(string folder)
    {
        var path = Path.Combine(folder, ResultsFileName);
        try
        {
            return new RunSource(folder, ResultsJson.ReadFile(path));
        }
        catch (JsonException e)
        {
            throw new ReportInputException($"{path} is not a results file: {OneLine(e.Message)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot read {path}: {OneLine(e.Message)}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
