using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Expectations;

/// <summary>Another expectation's check under a different rule id or level.</summary>
internal sealed class DelegatingExpectation : Expectation
{
    private readonly Expectation _inner;

    public DelegatingExpectation(Expectation inner, string rule, RequirementLevel? level)
        : base(rule, inner.Description)
    {
        _inner = inner;
        Level = level;
    }

    public override IEnumerable<Violation> Check(ExpectationContext context) => _inner.Check(context);

    public override bool DependsOnTiming => _inner.DependsOnTiming;

    public override bool NeedsGuestFrames => _inner.NeedsGuestFrames;

    public override string? ExcuseOnRealTime(Violation violation, ExpectationContext context) =>
        _inner.ExcuseOnRealTime(violation, context);
}
