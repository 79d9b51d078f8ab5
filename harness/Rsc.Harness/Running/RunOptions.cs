namespace Rsc.Harness.Running;

/// <summary>Run-wide settings; a case may pin its own interval or spacing.</summary>
public sealed record RunOptions
{
    public long SpacingNs { get; init; } = 100_000;
    public long DrainIntervalNs { get; init; } = 300_000;
    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
