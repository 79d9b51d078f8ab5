using Rsc.Harness.Core;

namespace Rsc.Evidence.Expectations;

/// <summary>
/// An expectations file (schema <see cref="CurrentSchema"/>, see docs/expectations.md): for one
/// third-party device, the cases known to fail and the rules they break, each with its reason, and
/// rules tolerated because of the machine rather than the device. Property names are a contract.
/// </summary>
public sealed record ExpectationsDocument
{
    public const string CurrentSchema = "rsc-expectations/1";

    /// <summary>A reason the generator writes; a file still holding one is a draft nobody has reviewed.</summary>
    public const string ReasonPlaceholder = "FILL IN:";

    public string Schema { get; init; } = CurrentSchema;

    public required DeviceMatch Device { get; init; }

    /// <summary>What the file is about, in words.</summary>
    public string? Description { get; init; }

    /// <summary>The run the file was first drawn from (informational).</summary>
    public ExpectationSource? Source { get; init; }

    public IReadOnlyList<CaseExpectationEntry> Cases { get; init; } = [];

    public IReadOnlyList<ToleratedRule> Tolerated { get; init; } = [];

    /// <summary>The outcomes compared: a case with any other outcome is never a difference unless it was expected.</summary>
    public static IReadOnlyList<Outcome> Counted { get; } = [Outcome.Fail, Outcome.NonStrict, Outcome.Error];

    public static bool IsPlaceholder(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.TrimStart().StartsWith(ReasonPlaceholder, StringComparison.Ordinal);
}

/// <summary>The device the file applies to: <see cref="Kind"/> exactly; <see cref="Version"/> as a prefix ending at a version-part boundary ("7.2" matches "7.2.22"); no version matches any.</summary>
public sealed record DeviceMatch(string Kind, string? Version)
{
    public bool Matches(string? kind, string? version)
    {
        if (!string.Equals(Kind, kind, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (string.IsNullOrEmpty(Version))
        {
            return true;
        }
        if (version is null || !version.StartsWith(Version, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return version.Length == Version.Length || !char.IsAsciiDigit(version[Version.Length]);
    }

    public override string ToString() => Version is null ? $"{Kind} (any version)" : $"{Kind} {Version}";
}

/// <param name="Results">The results file's path when generated.</param>
public sealed record ExpectationSource(string? Results, DateTimeOffset? StartedUtc, string? Tool, string? DeviceVersion, string? Settings);

/// <summary>One case expected to come out as <see cref="Outcome"/>, with findings on exactly <see cref="Rules"/> (Fail and NonStrict findings).</summary>
public sealed record CaseExpectationEntry(string Id, Outcome Outcome, IReadOnlyList<string> Rules, string Reason);

/// <summary>
/// A rule whose findings are not held against the device in the listed cases (every case when none
/// is listed): for what the machine does to a real-clock run, never for the device's own behaviour.
/// A tolerated finding is neither expected nor unexpected; its absence is never stale.
/// </summary>
public sealed record ToleratedRule(string Rule, IReadOnlyList<string>? Cases, string Reason)
{
    public bool Covers(string caseId) => Cases is null || Cases.Count == 0 || Cases.Contains(caseId, StringComparer.OrdinalIgnoreCase);
}
