using Rsc.Harness.Core;
using Rsc.Harness.Oracle;

namespace Rsc.TestCases.Support;

/// <summary>
/// An oracle expectation as the catalogue states it: with an explicit level (a case's premise is a
/// SHOULD even when its point is a MUST) and the sent frames it names, so the catalogue's own tests
/// can prove every index exists in the plan.
/// </summary>
internal sealed class CaseExpectation : Expectation
{
    public CaseExpectation(Expectation inner, RequirementLevel level, IReadOnlyList<int> sentFrames)
        : base(inner.Rule, inner.Description)
    {
        Inner = inner;
        Level = level;
        SentFrames = sentFrames;
    }

    public Expectation Inner { get; }

    /// <summary>Indices of the sent frames this expectation refers to (empty for whole-run checks).</summary>
    public IReadOnlyList<int> SentFrames { get; }

    public override IEnumerable<Violation> Check(ExpectationContext context) => Inner.Check(context);

    public override bool DependsOnTiming => Inner.DependsOnTiming;

    public override bool NeedsGuestFrames => Inner.NeedsGuestFrames;

    public override string? ExcuseOnRealTime(Violation violation, ExpectationContext context) => Inner.ExcuseOnRealTime(violation, context);

    public override string ToString() => $"{Level} {Rule}: {Description}";
}
