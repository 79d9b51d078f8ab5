using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Oracle;

/// <summary>Everything an expectation may look at.</summary>
public sealed record ExpectationContext(TrafficPlan Plan, DeviceCapture Capture, Alignment Alignment, OracleSettings Settings);

/// <summary>One broken expectation: what was expected vs observed, and the frames concerned.</summary>
public sealed record Violation(string Message, IReadOnlyList<int> GuestFrames, IReadOnlyList<int> SentFrames);

/// <summary>
/// A case-specific requirement judged on top of the oracle's general rules (for example "these three
/// segments are delivered as one frame"). Its violations weigh as the case's requirement level
/// unless the expectation fixes its own.
/// </summary>
public abstract class Expectation
{
    protected Expectation(string rule, string description)
    {
        Rule = rule;
        Description = description;
    }

    /// <summary>Rule id for findings, e.g. "R.merge-in-order".</summary>
    public string Rule { get; }

    public string Description { get; }

    /// <summary>When set, overrides the case's level for this expectation.</summary>
    public RequirementLevel? Level { get; init; }

    public abstract IEnumerable<Violation> Check(ExpectationContext context);
}
