using System.Text.Json;
using Rsc.Reports;

namespace Rsc.Evidence.Bundle;

/// <summary>
/// manifest.json: what the run was (device, settings, tool, catalogue, host, times, verdicts,
/// completeness), all taken from the run's own results.json, and every file with its size and
/// SHA-256. Property names are a contract: extend, never rename.
/// </summary>
public sealed record EvidenceManifest
{
    public string Schema { get; init; } = BundleLayout.Schema;
    public required RunFacts Run { get; init; }
    public required ToolFacts Tool { get; init; }
    public required CatalogueFacts Catalogue { get; init; }
    public required DeviceFacts Device { get; init; }
    public required SettingsEntry Settings { get; init; }
    public required HostFactsEntry Host { get; init; }
    public required IReadOnlyList<ManifestFile> Files { get; init; }
}

/// <summary>When the run ran and how far it got.</summary>
/// <param name="Complete">results.json's <c>complete</c>; null for runs recorded before it existed.</param>
/// <param name="Planned">Cases the run selected; null when not recorded.</param>
/// <param name="NotJudged">Planned cases with no verdict.</param>
public sealed record RunFacts(
    DateTimeOffset StartedUtc,
    DateTimeOffset? FinishedUtc,
    int? Planned,
    int Judged,
    bool? Complete,
    InterruptionEntry? Interrupted,
    IReadOnlyList<string> NotJudged,
    SummaryEntry Summary);

/// <param name="Commit">Parsed from the version; "unknown" when the build did not record it.</param>
public sealed record ToolFacts(string Name, string Version, string Commit);

/// <summary>
/// The catalogue as the run recorded it, and the hash recomputed here from the fingerprints of the
/// cases the run judged (the two are equal when the run judged the whole catalogue).
/// </summary>
/// <param name="Sha256">The run's catalogue hash; "unknown" when the run did not record it.</param>
/// <param name="JudgedCasesSha256">Over the judged cases' fingerprints; "unknown" when a case carries none.</param>
public sealed record CatalogueFacts(string Scheme, string Sha256, int? Cases, string JudgedCasesSha256);

/// <summary>The device as the run found it; <see cref="Capabilities"/> is results.json's object verbatim (with its excuses).</summary>
public sealed record DeviceFacts
{
    public required string Name { get; init; }
    public string Kind { get; init; } = "unknown";
    public string Version { get; init; } = "unknown";
    public string Timing { get; init; } = "unknown";
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    public JsonElement? Capabilities { get; init; }
}

/// <summary>The machine the run ran on ("unknown" where the run did not record a fact).</summary>
public sealed record HostFactsEntry(
    string Os,
    string Distribution,
    string Kernel,
    string CpuModel,
    int ProcessorCount,
    string Architecture,
    string Runtime,
    string Machine);

/// <param name="Path">The entry's name in the bundle ("run/..." with forward slashes).</param>
public sealed record ManifestFile(string Path, long Size, string Sha256);
