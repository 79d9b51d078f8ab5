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
    public IReadOnlyList<CaseEntry> Cases { get; init; } = [];
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
