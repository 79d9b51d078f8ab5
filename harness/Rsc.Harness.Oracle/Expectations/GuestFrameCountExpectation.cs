namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The guest receives a number of frames within [min, max].</summary>
internal sealed class GuestFrameCountExpectation(int min, int max)
    : Expectation(Rules.ExpectationRules.GuestFrameCount, min == max ? $"the guest receives {min} frames" : $"the guest receives {min} to {max} frames")
{
    public override bool DependsOnTiming => true;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        int count = context.Capture.Guest.Count;
        if (count < min || count > max)
        {
            string expected = min == max ? $"{min}" : $"{min}..{max}";
            yield return new Violation($"guest frames expected {expected}, observed {count}", [], []);
        }
    }
}
