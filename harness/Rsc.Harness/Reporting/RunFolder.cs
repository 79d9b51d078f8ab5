using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Harness.Reporting;

/// <summary>
/// A run's output folder: results.json (rewritten atomically after every case) and each case's
/// artifacts under cases/ID/. Recording a case writes its files first, then the entry that names them.
/// </summary>
public sealed class RunFolder
{
    public const string ResultsFileName = "results.json";

    private readonly ResultsRecorder _recorder;
    private bool _dutKnown;

    public RunFolder(string path, ResultsDocument header)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(header);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
        _recorder = new ResultsRecorder(System.IO.Path.Combine(Path, ResultsFileName), header);
        _recorder.Save();
    }

    public string Path { get; }

    public string ResultsPath => _recorder.Path;

    public ResultsDocument Document => _recorder.Document;

    /// <summary>Marks <paramref name="caseId"/> as running (a killed run then shows it as the case in progress).</summary>
    public void Begin(string caseId) => _recorder.Begin(caseId);

    /// <summary>The run ended normally; results.json says whether every planned case was judged.</summary>
    public void Finish(DateTimeOffset atUtc) => _recorder.Finish(atUtc);

    /// <summary>The run stopped early (<see cref="InterruptionEntry"/> reasons); results.json says so.</summary>
    public void Interrupt(string reason, DateTimeOffset atUtc, string? detail) => _recorder.Interrupt(reason, atUtc, detail);

    /// <summary>Writes the case's artifacts and appends its entry; returns the entry.</summary>
    public CaseEntry Record(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_dutKnown && result.Device is { } device)
        {
            _recorder.UpdateDut(DutEntry.From(device));
            _dutKnown = true;
        }
        var artifacts = CaseArtifacts.Write(Path, result.Case.Id, result.Capture, WireLog.Render(result));
        var entry = ResultsMapping.ToEntry(result, artifacts);
        _recorder.Record(entry);
        return entry;
    }
}
