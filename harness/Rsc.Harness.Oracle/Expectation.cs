using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Oracle;

/// <summary>Everything an expectation may look at.</summary>
public sealed record ExpectationContext(TrafficPlan Plan, DeviceCapture Capture, Alignment Alignment, OracleSettings Settings)
{
    /// <summary>What the general rules found before the case's expectations were judged.</summary>
    public IReadOnlyList<Finding> GeneralFindings { get; init; } = [];

    /// <summary>Sent frames whose latency cannot be measured on this clock (back-to-back bursts on a real clock).</summary>
    public IReadOnlySet<int> UnjudgedLatency { get; init; } = new HashSet<int>();
}

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

    /// <summary>
    /// True when the expectation asks where unit boundaries fall (what merged with what, how many
    /// frames, which counts). On a real clock those depend on when the device's drain fired, so a
    /// violation is judged by <see cref="ExcuseOnRealTime"/> first.
    /// </summary>
    public virtual bool DependsOnTiming => false;

    /// <summary>
    /// True when the check looks at guest frames; false when the device's counters alone decide it
    /// (<see cref="DeviceCapture.GuestObserved"/> false leaves only those to judge).
    /// </summary>
    public virtual bool NeedsGuestFrames => true;

    /// <summary>
    /// On a real clock: why timing alone can explain <paramref name="violation"/> (it then becomes Info
    /// with that reason), or null when it cannot (it stands). Only called when <see cref="DependsOnTiming"/>.
    /// </summary>
    public virtual string? ExcuseOnRealTime(Violation violation, ExpectationContext context) =>
        DependsOnTiming ? RealTimeBoundaries.AnyBoundary : null;

    /// <summary>The same check reported under another rule id (e.g. the case's own source key).</summary>
    public Expectation WithRule(string rule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        return new Expectations.DelegatingExpectation(this, rule, Level);
    }

    /// <summary>The same check weighing as <paramref name="level"/> whatever the case's level.</summary>
    public Expectation WithLevel(RequirementLevel level) => new Expectations.DelegatingExpectation(this, Rule, level);
}
