using Rsc.Harness.Running;
using Rsc.Reports;
using Rsc.Reports.Html.Allure;
using Rsc.Reports.JUnit;

namespace Rsc.Harness.Reporting;

/// <summary>
/// A run's output folder: results.json (rewritten atomically after every case), each case's
/// artifacts under cases/ID/ (pcaps, guest.jsonl, wire.log, timeline.json) and Allure results
/// under allure-results/. Recording a case writes its files first, then the entry that names them.
/// </summary>
public sealed class RunFolder
{
    public const string ResultsFileName = "results.json";

    private readonly ResultsRecorder _recorder;
    private readonly RunFolderOptions _options;
    private readonly List<AllureResultsWriter> _allure = [];
    private readonly List<string> _problems = [];
    private bool _dutKnown;

    public RunFolder(string path, ResultsDocument header)
        : this(path, header, new RunFolderOptions())
    {
    }

    public RunFolder(string path, ResultsDocument header, RunFolderOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
        _recorder = new ResultsRecorder(System.IO.Path.Combine(Path, ResultsFileName), header);
        _recorder.Save();
        foreach (var folder in options.AllureFolders.Prepend(AllureResultsPath).Distinct(StringComparer.Ordinal))
        {
            _allure.Add(new AllureResultsWriter(folder));
        }
    }

    public string Path { get; }

    public string ResultsPath => _recorder.Path;

    /// <summary>RUN/allure-results.</summary>
    public string AllureResultsPath => System.IO.Path.Combine(Path, AllureResultsWriter.FolderName);

    public ResultsDocument Document => _recorder.Document;

    /// <summary>Extra outputs (Allure, JUnit) that could not be written; results.json and the case files are never among them.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Marks <paramref name="caseId"/> as running (a killed run then shows it as the case in progress).</summary>
    public void Begin(string caseId) => _recorder.Begin(caseId);

    /// <summary>The run ended normally; results.json says whether every planned case was judged.</summary>
    public void Finish(DateTimeOffset atUtc)
    {
        _recorder.Finish(atUtc);
        Close();
    }

    /// <summary>The run stopped early (<see cref="InterruptionEntry"/> reasons); results.json says so.</summary>
    public void Interrupt(string reason, DateTimeOffset atUtc, string? detail)
    {
        _recorder.Interrupt(reason, atUtc, detail);
        Close();
    }

    /// <summary>Writes the case's artifacts and appends its entry; returns the entry.</summary>
    public CaseEntry Record(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!_dutKnown && result.Device is { } device)
        {
            _recorder.UpdateDut(DutEntry.From(device));
            _dutKnown = true;
        }
        var timeline = TimelineMapping.ToTimeline(result);
        var artifacts = CaseArtifacts.Write(Path, result.Case.Id, result.Capture, WireLog.Render(result), timeline);
        var entry = ResultsMapping.ToEntry(result, artifacts);
        _recorder.Record(entry);
        var at = _options.Clock.GetUtcNow();
        Extra("Allure results", () =>
        {
            foreach (var writer in _allure)
            {
                writer.WriteCase(new AllureCase(Document, entry, Path, timeline, at));
                writer.WriteRunFiles(Document);
            }
        });
        return entry;
    }

    private void Close()
    {
        var document = Document;
        Extra("Allure results", () =>
        {
            var reason = AllureRunExport.NotJudgedReason(document);
            foreach (var writer in _allure)
            {
                foreach (var id in document.NotJudged())
                {
                    writer.WriteNotJudged(document, id, reason, document.FinishedUtc ?? _options.Clock.GetUtcNow());
                }
                writer.WriteRunFiles(document);
            }
        });
        if (_options.JUnitFile is { } junit)
        {
            Extra("JUnit XML", () => JUnitReport.WriteFile(junit, [document]));
        }
    }

    /// <summary>An extra output that cannot be written is reported, never allowed to stop the run.</summary>
    private void Extra(string what, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _problems.Add($"{what} not written: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
    }
}
