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
        _document = header with { Cases = [.. _cases], Summary = Summarize(_cases) };
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

    public void Record(CaseEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            _cases.Add(entry);
            _document = _document with { Cases = [.. _cases], Summary = Summarize(_cases) };
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
