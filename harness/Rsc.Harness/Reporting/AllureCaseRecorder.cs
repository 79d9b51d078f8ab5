using Rsc.Harness.Running;
using Rsc.Reports;
using Rsc.Reports.Html.Allure;

namespace Rsc.Harness.Reporting;

/// <summary>
/// Allure results for cases run one by one outside `rsc run` (the NUnit conformance tests): each
/// case's files are written to a scratch folder as a run folder would hold them, attached to its
/// result, and the scratch folder removed. Safe to call from several threads.
/// </summary>
public sealed class AllureCaseRecorder
{
    /// <summary>The environment variable naming the folder; unset, callers choose a default under their results folder.</summary>
    public const string FolderVariable = "RSC_ALLURE_RESULTS";

    private readonly Lock _gate = new();
    private readonly AllureResultsWriter _writer;
    private ResultsDocument _run;

    public AllureCaseRecorder(string folder, ResultsDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _writer = new AllureResultsWriter(folder);
        _run = run;
    }

    public string Folder => _writer.Folder;

    /// <summary>Writes <paramref name="result"/> as one Allure result, with its pcaps, logs, timeline and picture.</summary>
    public AllureTestResult Record(CaseResult result, DateTimeOffset endedUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scratch = Path.Combine(Path.GetDirectoryName(_writer.Folder)!, $".rsc-case-{Guid.NewGuid():N}");
        try
        {
            var timeline = TimelineMapping.ToTimeline(result);
            var artifacts = CaseArtifacts.Write(scratch, result.Case.Id, result.Capture, WireLog.Render(result), timeline);
            var entry = ResultsMapping.ToEntry(result, artifacts);
            lock (_gate)
            {
                if (result.Device is { } device && _run.Dut.Kind is null)
                {
                    _run = _run with { Dut = DutEntry.From(device) };
                }
                var written = _writer.WriteCase(new AllureCase(_run, entry, scratch, timeline, endedUtc));
                _writer.WriteRunFiles(_run);
                return written;
            }
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
