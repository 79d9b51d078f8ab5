using Rsc.Harness.Core;
using Rsc.Reports;
using Rsc.Reports.KillMatrix;

namespace Rsc.Harness.KillMatrix;

/// <summary>One case's verdict on one device configuration, with what decided it when it did not pass.</summary>
public sealed record KillMatrixCell(string CaseId, Outcome Outcome, string? Note);

/// <summary>One device configuration's verdicts, in case order.</summary>
/// <param name="KillingCases">
/// The cases that caught this device: those that failed on it but not on the fault-free device (a case
/// failing everywhere tells no fault apart). For the fault-free row, the cases that failed on it.
/// </param>
public sealed record KillMatrixRow(string Dut, string? Fault, IReadOnlyList<KillMatrixCell> Cells, TimeSpan Duration, IReadOnlyList<string> KillingCases)
{
    public bool IsBaseline => Fault is null;

    /// <summary>Some case caught this device (see <see cref="KillingCases"/>).</summary>
    public bool Caught => KillingCases.Count > 0;

    public int Count(Outcome outcome) => Cells.Count(c => c.Outcome == outcome);

    /// <summary>A row whose killing cases are its failures, less those that also failed on <paramref name="baseline"/>.</summary>
    public static KillMatrixRow Create(string dut, string? fault, IReadOnlyList<KillMatrixCell> cells, TimeSpan duration, KillMatrixRow? baseline)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var failingEverywhere = fault is null || baseline is null
            ? []
            : baseline.Cells.Where(c => c.Outcome == Outcome.Fail).Select(c => c.CaseId).ToHashSet(StringComparer.Ordinal);
        return new KillMatrixRow(
            dut,
            fault,
            cells,
            duration,
            [.. cells.Where(c => c.Outcome == Outcome.Fail && !failingEverywhere.Contains(c.CaseId)).Select(c => c.CaseId)]);
    }
}

/// <summary>The whole matrix: the fault-free row first, then one row per fault in the order asked for.</summary>
public sealed record KillMatrixResult(IReadOnlyList<string> CaseIds, IReadOnlyList<KillMatrixRow> Rows)
{
    public KillMatrixRow? Baseline => Rows.FirstOrDefault(r => r.IsBaseline);

    public IReadOnlyList<KillMatrixRow> FaultRows => [.. Rows.Where(r => !r.IsBaseline)];

    /// <summary>The cases the fault-free device did not pass or report on (NonStrict, Fail or Error).</summary>
    public IReadOnlyList<KillMatrixCell> BaselineFailures =>
        Baseline is { } b ? [.. b.Cells.Where(c => !KillMatrixSummary.IsClean(c.Outcome))] : [];

    /// <summary>Faults no case failed.</summary>
    public IReadOnlyList<string> Escaped => [.. FaultRows.Where(r => !r.Caught).Select(r => r.Fault!)];

    /// <summary>The fault-free device is clean and every fault is caught by at least one Fail.</summary>
    public bool IsClean => BaselineFailures.Count == 0 && Escaped.Count == 0;

    /// <summary>The kill-matrix.json document for this result.</summary>
    public KillMatrixDocument ToDocument(DateTimeOffset? startedUtc = null, ToolEntry? tool = null, KillMatrixSettings? settings = null)
    {
        var devices = Rows.Select(r => new KillMatrixDevice
        {
            Dut = r.Dut,
            Fault = r.Fault,
            Outcomes = r.Cells.ToDictionary(c => c.CaseId, c => c.Outcome, StringComparer.Ordinal),
            Caught = r.Caught,
            KillingCases = r.KillingCases,
            Notes = r.Cells.Where(c => c.Outcome is not (Outcome.Pass or Outcome.Info) && c.Note is not null)
                .ToDictionary(c => c.CaseId, c => Shorten(c.Note!), StringComparer.Ordinal),
            DurationMs = Math.Round(r.Duration.TotalMilliseconds, 3),
        }).ToList();
        return new KillMatrixDocument
        {
            StartedUtc = startedUtc,
            Tool = tool,
            Settings = settings,
            Cases = CaseIds,
            Devices = devices,
            Summary = KillMatrixSummary.For(devices),
        };
    }

    /// <summary>The longest note the document keeps; findings can list hundreds of frames.</summary>
    public const int MaxNoteLength = 300;

    private static string Shorten(string note)
    {
        var line = note.ReplaceLineEndings(" ");
        return line.Length <= MaxNoteLength ? line : string.Concat(line.AsSpan(0, MaxNoteLength - 3), "...");
    }
}
