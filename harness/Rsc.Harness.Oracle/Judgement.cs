using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle;

/// <summary>The oracle's answer for one run: every finding and the alignment behind them.</summary>
public sealed record Judgement(IReadOnlyList<Finding> Findings, Alignment Alignment)
{
    /// <summary>Fail if any MUST broke, NonStrict if any SHOULD did, else Pass.</summary>
    public Outcome Outcome
    {
        get
        {
            var outcome = Outcome.Pass;
            foreach (var f in Findings)
            {
                if (f.Severity == Severity.Fail)
                {
                    return Outcome.Fail;
                }
                if (f.Severity == Severity.NonStrict)
                {
                    outcome = Outcome.NonStrict;
                }
            }
            return outcome;
        }
    }
}
