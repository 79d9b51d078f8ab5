using Rsc.Harness.Core;
using Rsc.Harness.Oracle;

namespace Rsc.Reports;

/// <summary>One case in results.json.</summary>
public sealed record CaseEntry
{
    public required string Id { get; init; }
    public string Section { get; init; } = "";
    public required string Title { get; init; }

    /// <summary>The case's traffic in words (absent from files written before it was recorded).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    public RequirementLevel Level { get; init; }
    public string Requirement { get; init; } = "";
    public string Source { get; init; } = "";
    public required Outcome Outcome { get; init; }
    public double DurationMs { get; init; }
    public double IntervalUs { get; init; }
    public double SpacingUs { get; init; }
    public int SentFrames { get; init; }
    public int GuestFrames { get; init; }
    public int CoalescedFrames { get; init; }
    /// <summary>The clock the device ran on; on a real clock <see cref="Pacing"/> shows the jitter.</summary>
    public Rsc.Harness.Core.Capture.TimingMode? Timing { get; init; }
    public PacingEntry? Pacing { get; init; }

    /// <summary>When the adapter stopped watching the guest side, ns from the start of the case; null in runs that did not record it.</summary>
    public long? ObservationEndNs { get; init; }

    /// <summary>Live runs only: what the machine did besides the device, and the latency tolerance it earned.</summary>
    public RealTimeEntry? RealTime { get; init; }
    public IReadOnlyDictionary<string, string> TrafficParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// SHA-256 (hex) of the case as it ran: its id, section, level, title, requirement, source,
    /// timing and every frame of its traffic (see <c>CaseFingerprint</c>); null when no traffic was built.
    /// </summary>
    public string? Fingerprint { get; init; }
    public StatisticsEntry? Statistics { get; init; }
    public string? Error { get; init; }

    /// <summary>Rules of the case's own requirement that broke and that the device's profile excuses (why an Info is an Info).</summary>
    public IReadOnlyList<string> ExcusedRules { get; init; } = [];

    public IReadOnlyList<FindingEntry> Findings { get; init; } = [];
    public ArtifactsEntry? Artifacts { get; init; }
}

/// <summary>Gaps achieved between consecutive sent frames, in ns.</summary>
public sealed record PacingEntry(double MeanNs, long P50Ns, long P99Ns, long MaxNs, long MaxLatenessNs)
{
    /// <summary>The same gaps measured on the wire (wire.pcap, kernel timestamps) where the run captured it; lateness is not known there (0).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public PacingEntry? Wire { get; init; }
}

/// <summary>
/// A live run's conditions: host CPU steal while the traffic ran (upper bound, worst CPU), guest
/// frames timed by their source's stamp, the longest such stamp-to-read lag, and the latency
/// tolerance applied (max lateness + allowance + steal), all in ns.
/// </summary>
public sealed record RealTimeEntry(long HostStealNs, int SourceStampedGuestFrames, long GuestReadLagMaxNs, long LatencyToleranceNs);

/// <summary>The device's NDIS RSC counters after the case, plus its own detail counters.</summary>
public sealed record StatisticsEntry(
    long CoalescedPackets,
    long CoalescedOctets,
    long CoalesceEvents,
    long Aborts,
    IReadOnlyDictionary<string, long> Detail);

/// <summary>One finding; <see cref="Frames"/> are guest frame indices, <see cref="SentFrames"/> sent frame indices.</summary>
public sealed record FindingEntry(
    string Rule,
    Severity Severity,
    string Message,
    IReadOnlyList<int> Frames,
    IReadOnlyList<int> SentFrames)
{
    /// <summary>The device profile's excuse for this rule (behaviour and citation); the finding is then Info.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Excuse { get; init; }
}

/// <summary>Per-case files, relative to the folder holding results.json; null where not written.</summary>
public sealed record ArtifactsEntry(string? SentPcap, string? GuestPcap, string? GuestJsonl, string? WireLog)
{
    /// <summary>timeline.json (plan, send times, guest frames, alignment); absent from runs that did not write one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Timeline { get; init; }

    /// <summary>What the kernel put on the interface the run created (live cases that capture it).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? WirePcap { get; init; }
}
