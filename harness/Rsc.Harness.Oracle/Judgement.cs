using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle;

/// <summary>The oracle's answer for one run: every finding and the alignment behind them.</summary>
public sealed record Judgement(IReadOnlyList<Finding> Findings, Alignment Alignment)
{
    /// <summary>
    /// Rules of the case's own requirement (its expectations' rules and the general rules it names)
    /// that broke and that the device's profile excuses. When nothing unexcused broke, a case with
    /// an excused requirement is Info: the device did something else, by design, and said so.
    /// </summary>
    public IReadOnlyList<string> ExcusedRequirement { get; init; } = [];

    /// <summary>
    /// Rules of the case's own requirement that could not be observed at all (no guest frames were
    /// captured). A case with any is never Pass: it says nothing about them.
    /// </summary>
    public IReadOnlyList<string> UnobservedRequirement { get; init; } = [];

    /// <summary>Fail if any MUST broke, NonStrict if any SHOULD did, else Pass (Info findings, excused ones included, never weigh).</summary>
    public Outcome Outcome
    {
        get
        {
            var outcome = Outcome.Pass;
            foreach (var finding in Findings)
            {
                if (finding.Severity == Severity.Fail)
                {
                    return Outcome.Fail;
                }
                if (finding.Severity == Severity.NonStrict)
                {
                    outcome = Outcome.NonStrict;
                }
            }
            return outcome;
        }
    }
}
