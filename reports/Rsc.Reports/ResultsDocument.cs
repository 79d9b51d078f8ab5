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

    /// <summary>
    /// The catalogue the run drew its cases from, fingerprinted at the run's settings; null when the
    /// run did not record it (older runs).
    /// </summary>
    public CatalogueEntry? Catalogue { get; init; }

    /// <summary>
    /// Set when these verdicts were made by re-judging another run's recorded captures (`rsc rejudge`):
    /// which run, and the tool that recorded it. Null for a run that judged what it captured.
    /// </summary>
    public RejudgedEntry? Rejudged { get; init; }

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

/// <param name="From">The recorded run folder, as given.</param>
/// <param name="RecordedBy">The tool that recorded the captures and the verdicts they are compared with.</param>
/// <param name="AtUtc">When they were re-judged.</param>
public sealed record RejudgedEntry(string From, ToolEntry RecordedBy, DateTimeOffset AtUtc);

public sealed record ToolEntry(string Name, string Version)
{
    /// <summary>
    /// The git commit the tool was built from: the SDK appends it to the informational version
    /// ("0.1.0+&lt;sha&gt;"); null when the build did not know it.
    /// </summary>
    public string? Commit => CommitOf(Version);

    public static string? CommitOf(string? version)
    {
        var plus = version?.LastIndexOf('+') ?? -1;
        if (version is null || plus < 0)
        {
            return null;
        }
        var tail = version[(plus + 1)..];
        return tail.Length is >= 7 and <= 64 && tail.All(char.IsAsciiHexDigit) ? tail.ToLowerInvariant() : null;
    }
}

/// <summary>
/// Which catalogue a run used: <see cref="Sha256"/> over every case's fingerprint (see
/// <c>CaseFingerprint</c>) at the run's settings, so two runs with equal hashes sent the same traffic
/// for the same requirements.
/// </summary>
/// <param name="Scheme">How the hash was made, e.g. "rsc-catalogue/1".</param>
/// <param name="Cases">How many cases the catalogue held.</param>
public sealed record CatalogueEntry(string Scheme, string Sha256, int Cases);

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

/// <summary>
/// The machine the run ran on. The later fields are null in results written before they existed:
/// a reader says "unknown" then, never the facts of the machine reading the file.
/// </summary>
public sealed record EnvironmentEntry(string Os, string Runtime, string Machine, int ProcessorCount)
{
    /// <summary>The distribution's own name (PRETTY_NAME of /etc/os-release), e.g. "Debian GNU/Linux 12 (bookworm)".</summary>
    public string? Distribution { get; init; }

    /// <summary>The kernel release (/proc/sys/kernel/osrelease), e.g. "6.1.0-27-cloud-amd64".</summary>
    public string? Kernel { get; init; }

    /// <summary>The CPU's model name as the kernel reports it (/proc/cpuinfo).</summary>
    public string? CpuModel { get; init; }

    /// <summary>Process architecture, e.g. "X64".</summary>
    public string? Architecture { get; init; }

    public static EnvironmentEntry Current() => new(
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        System.Environment.MachineName,
        System.Environment.ProcessorCount)
    {
        Distribution = HostFacts.Distribution(),
        Kernel = HostFacts.KernelRelease(),
        CpuModel = HostFacts.CpuModel(),
        Architecture = RuntimeInformation.ProcessArchitecture.ToString(),
    };
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
