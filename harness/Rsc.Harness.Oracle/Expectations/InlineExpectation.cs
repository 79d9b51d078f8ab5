namespace Rsc.Harness.Oracle.Expectations;

/// <summary>A check written inline by a case.</summary>
internal sealed class InlineExpectation(string rule, string description, Func<ExpectationContext, IEnumerable<Violation>> check, bool dependsOnTiming)
    : Expectation(rule, description)
{
    public override IEnumerable<Violation> Check(ExpectationContext context) => check(context);

    public override bool DependsOnTiming => dependsOnTiming;
}
