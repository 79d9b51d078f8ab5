namespace Rsc.Harness.Oracle.Expectations;

/// <summary>Two sent frames end up in different guest frames.</summary>
internal sealed class NotMergedTogetherExpectation(int sentA, int sentB)
    : Expectation(Rules.ExpectationRules.NotMergedTogether, $"sent {sentA} and {sentB} are delivered in different guest frames")
{
    public override bool DependsOnTiming => true;

    public override string? ExcuseOnRealTime(Violation violation, ExpectationContext context) =>
        violation.GuestFrames.Count == 1 ? RealTimeBoundaries.ExplainLegalMerge(violation.GuestFrames[0], context) : null;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var frameOfA = context.Alignment.GuestFrameOf(sentA);
        var frameOfB = context.Alignment.GuestFrameOf(sentB);
        if (frameOfA is { } guestFrame && frameOfA == frameOfB)
        {
            yield return new Violation(
                $"sent {sentA} and {sentB} expected in different guest frames; observed both in guest frame {guestFrame}",
                [guestFrame], [sentA, sentB]);
        }
    }
}
