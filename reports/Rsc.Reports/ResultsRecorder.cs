using Rsc.Harness.Core;

namespace Rsc.Reports;

/// <summary>
/// Keeps results.json current during a run: the file is rewritten whole, atomically, after every
/// case, so an interrupted run still leaves a valid file with everything recorded so far.
/// </summary>
public sealed class ResultsRecorder
{
    private readonly Lock _gate = new();
    private readonly List<CaseEntry> _cases = [];
    private ResultsDocument _document;

    public ResultsRecorder(string path, ResultsDocument header)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(header);
        Path = System.IO.Path.GetFullPath(path);
        _cases.AddRange(header.Cases);
        // Incomplete until the run says it ended with every planned case judged.
        _document = header with { Cases = [.. _cases], Summary = Summarize(_cases), Complete = false };
    }

    public string Path { get; }

    public ResultsDocument Document
    {
        get
        {
            lock (_gate)
            {
                return _document;
            }
        }
    }

    /// <summary>Writes the document as it stands (e.g. before the first case, so the file exists from the start).</summary>
    public void Save()
    {
        lock (_gate)
        {
            ResultsJson.WriteFile(Path, _document);
        }
    }

    /// <summary>Replaces what is known about the device (it is only fully known once one was created).</summary>
    public void UpdateDut(DutEntry dut)
    {
        ArgumentNullException.ThrowIfNull(dut);
        lock (_gate)
        {
            _document = _document with { Dut = dut };
            ResultsJson.WriteFile(Path, _document);
        }
    }

    /// <summary>Records that <paramref name="caseId"/> is about to run, so a killed run shows which case it was in.</summary>
    public void Begin(string caseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        Write(d => d with { InProgress = caseId });
    }

    public void Record(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _cases.Add(entry);
            _document = _document with { Cases = [.. _cases], Summary = Summarize(_cases), InProgress = null };
            ResultsJson.WriteFile(Path, _document);
        }
    }

    /// <summary>
    /// The run ended normally: complete when every planned case has an entry (a run that planned
    /// nothing is complete when it recorded anything at all).
    /// </summary>
    public void Finish(DateTimeOffset atUtc) => Write(d => d with
    {
        InProgress = null,
        FinishedUtc = atUtc,
        Complete = d.Interrupted is null && d.NotJudged().Count == 0 && (d.Planned == 0 || d.Cases.Count >= d.Planned),
    });

    /// <summary>The run stopped early; the case in progress, if any, stays unjudged.</summary>
    public void Interrupt(string reason, DateTimeOffset atUtc, string? detail) => Write(d => d with
    {
        Interrupted = new InterruptionEntry(reason, atUtc, detail, d.InProgress),
        InProgress = null,
        FinishedUtc = atUtc,
        Complete = false,
    });

    private void Write(Func<ResultsDocument, ResultsDocument> change)
    {
        lock (_gate)
        {
            _document = change(_document);
            ResultsJson.WriteFile(Path, _document);
        }
    }

    public static SummaryEntry Summarize(IEnumerable<CaseEntry> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        int total = 0, pass = 0, nonStrict = 0, fail = 0, info = 0, error = 0;
        foreach (var c in cases)
        {
            total++;
            switch (c.Outcome)
            {
                case Outcome.Pass: pass++; break;
                case Outcome.NonStrict: nonStrict++; break;
                case Outcome.Fail: fail++; break;
                case Outcome.Info: info++; break;
                case Outcome.Error: error++; break;
            }
        }
        return new SummaryEntry { Total = total, Pass = pass, NonStrict = nonStrict, Fail = fail, Info = info, Error = error };
    }
}
