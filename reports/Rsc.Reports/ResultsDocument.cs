using System.Runtime.InteropServices;

namespace Rsc.Reports;

/// <summary>
/// The whole of results.json: who ran what against which device, and every case recorded so far.
/// Property names are a stable contract; new fields may be added, none renamed.
/// </summary>
public sealed record ResultsDocument
{
    public const string CurrentSchema = "rsc-results/1";

    public string Schema { get; init; } = CurrentSchema;
    public required DateTimeOffset StartedUtc { get; init; }
    public required ToolEntry Tool { get; init; }
    public required DutEntry Dut { get; init; }
    public required SettingsEntry Settings { get; init; }
    public required EnvironmentEntry Environment { get; init; }
    public SummaryEntry Summary { get; init; } = new();

    /// <summary>How many cases the run selected; <see cref="SummaryEntry.Total"/> is how many were judged.</summary>
    public int Planned { get; init; }

    /// <summary>The selected case ids, in run order.</summary>
    public IReadOnlyList<string> PlannedCases { get; init; } = [];

    /// <summary>
    /// True only once every planned case was judged and the run ended normally. A file left by a
    /// killed or interrupted run says false, so it can never pass for a complete one; null only in
    /// files written before runs recorded it.
    /// </summary>
    public bool? Complete { get; init; }

    /// <summary>The case being run when the file was written (null between cases and at the end).</summary>
    public string? InProgress { get; init; }

    /// <summary>Set when the run stopped before judging every planned case.</summary>
    public InterruptionEntry? Interrupted { get; init; }

    /// <summary>When the run ended (normally or not); null while it runs or after it was killed.</summary>
    public DateTimeOffset? FinishedUtc { get; init; }

    public IReadOnlyList<CaseEntry> Cases { get; init; } = [];

    /// <summary>
    /// Null for a complete run; otherwise what a reader must be told first, e.g. "INCOMPLETE: 14 of
    /// 111 cases judged; interrupted (signal SIGINT) at 2026-12-05T10:00:00Z during RSC-FLAG-002".
    /// </summary>
    public string? IncompleteNote()
    {
        if (Complete == true)
        {
            return null;
        }
        if (Complete is null)
        {
            return "completeness not recorded (written by an older rsc)";
        }
        var note = Planned > 0
            ? $"INCOMPLETE: {Cases.Count} of {Planned} cases judged"
            : $"INCOMPLETE: {Cases.Count} cases judged";
        if (Interrupted is { } i)
        {
            note += $"; interrupted ({i.Reason}{(i.Detail is null ? "" : $" {i.Detail}")}) at {i.AtUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
            if (i.CaseInProgress is { } current)
            {
                note += $" during {current}";
            }
        }
        else if (InProgress is { } running)
        {
            note += $"; the run stopped without a word (killed?) during {running}";
        }
        else if (FinishedUtc is null)
        {
            note += "; still running, or stopped without a word";
        }
        return note;
    }

    /// <summary>Planned cases with no entry in <see cref="Cases"/>: never judged.</summary>
    public IReadOnlyList<string> NotJudged()
    {
        var judged = new HashSet<string>(Cases.Select(c => c.Id), StringComparer.Ordinal);
        return [.. PlannedCases.Where(id => !judged.Contains(id))];
    }
}

/// <summary>Why and when a run stopped early.</summary>
/// <param name="Reason">"signal" (SIGINT, SIGTERM), "timeout" (the run's time limit) or "error" (rsc itself broke).</param>
/// <param name="AtUtc">When it stopped.</param>
/// <param name="Detail">The signal's name, the limit, or the error in one line.</param>
/// <param name="CaseInProgress">The case that was running; it is recorded as not judged.</param>
public sealed record InterruptionEntry(string Reason, DateTimeOffset AtUtc, string? Detail, string? CaseInProgress)
{
    public const string Signal = "signal";
    public const string Timeout = "timeout";
    public const string Error = "error";
}

public sealed record ToolEntry(string Name, string Version);

/// <summary>Run-wide settings as given (a case may pin its own interval or spacing; see its entry).</summary>
public sealed record SettingsEntry
{
    public required double SpacingUs { get; init; }
    public required double IntervalUs { get; init; }
    public double? TimeoutS { get; init; }

    /// <summary>On a real clock, delay tolerated beyond the interval on top of the measured lateness.</summary>
    public double? LatencyAllowanceUs { get; init; }

    /// <summary>The selection as typed: case ids, and sections as "section:S"; empty means all.</summary>
    public IReadOnlyList<string> CaseFilter { get; init; } = [];
}

public sealed record EnvironmentEntry(string Os, string Runtime, string Machine, int ProcessorCount)
{
    public static EnvironmentEntry Current() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        System.Environment.MachineName,
        System.Environment.ProcessorCount);
}

public sealed record SummaryEntry
{
    public int Total { get; init; }
    public int Pass { get; init; }
    public int NonStrict { get; init; }
    public int Fail { get; init; }
    public int Info { get; init; }
    public int Error { get; init; }
}
