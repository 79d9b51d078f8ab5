namespace Rsc.Harness.Oracle;

/// <summary>How much a finding weighs in the verdict.</summary>
public enum Severity
{
    /// <summary>A MUST was violated: the case fails.</summary>
    Fail,
    /// <summary>A SHOULD was not met: the case is non-strict.</summary>
    NonStrict,
    /// <summary>An observation: recorded, never a failure.</summary>
    Info,
}

/// <summary>
/// One thing the oracle saw: the rule it concerns (e.g. "IPH.ttl-minimum"), expected vs observed in
/// words, and the guest and sent frame indices it is about.
/// </summary>
public sealed record Finding(
    string Rule,
    Severity Severity,
    string Message,
    IReadOnlyList<int> GuestFrames,
    IReadOnlyList<int> SentFrames)
{
    /// <summary>
    /// Set when the device's profile excuses <see cref="Rule"/>: the behaviour and its citation. The
    /// finding then weighs as Info whatever the rule's level.
    /// </summary>
    public string? Excuse { get; init; }

    public override string ToString() =>
        $"[{Severity}] {Rule}: {Message} (guest {Format(GuestFrames)}; sent {Format(SentFrames)})"
        + (Excuse is null ? "" : $"; excused: {Excuse}");

    private static string Format(IReadOnlyList<int> frames) => frames.Count == 0 ? "-" : string.Join(',', frames);
}
