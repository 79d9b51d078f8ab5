namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The sent frame arrives in a guest frame of its own.</summary>
internal sealed class DeliveredAloneExpectation(int sentIndex)
    : Expectation(Rules.ExpectationRules.DeliveredAlone, $"sent {sentIndex} is delivered alone")
{
    public override bool DependsOnTiming => true;

    /// <summary>Never delivered is never excused; merged is, when the merge is legal (see <see cref="RealTimeBoundaries.ExplainLegalMerge"/>).</summary>
    public override string? ExcuseOnRealTime(Violation violation, ExpectationContext context) =>
        violation.GuestFrames.Count == 1 ? RealTimeBoundaries.ExplainLegalMerge(violation.GuestFrames[0], context) : null;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        if (context.Alignment.GuestFrameOf(sentIndex) is not { } guestFrame)
        {
            yield return new Violation($"sent {sentIndex} expected alone in a guest frame; observed not delivered", [], [sentIndex]);
            yield break;
        }
        var explanation = context.Alignment.ExplanationOf(guestFrame);
        if (explanation is null || explanation.SentFrames.Count != 1)
        {
            var with = explanation is null ? [] : explanation.SentFrames;
            yield return new Violation(
                $"sent {sentIndex} expected alone in a guest frame; observed guest frame {guestFrame} carrying sent {string.Join(',', with)}",
                [guestFrame], with.Count == 0 ? [sentIndex] : with);
        }
    }
}
