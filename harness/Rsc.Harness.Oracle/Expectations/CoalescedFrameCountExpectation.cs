namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The number of coalesced guest frames lies within [min, max].</summary>
internal sealed class CoalescedFrameCountExpectation(int min, int max)
    : Expectation(Rules.ExpectationRules.CoalescedFrameCount, min == max ? $"{min} guest frames are coalesced" : $"{min} to {max} guest frames are coalesced")
{
    public override bool DependsOnTiming => true;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var coalesced = context.Alignment.Guest.Where(explanation => explanation.IsCoalesced).ToList();
        int count = coalesced.Count;
        if (count < min || count > max)
        {
            string expected = min == max ? $"{min}" : $"{min}..{max}";
            string which = count == 0 ? "none" : string.Join("; ", coalesced.Take(10).Select(explanation => $"guest {explanation.GuestIndex} = sent {string.Join(',', explanation.SentFrames)}"));
            yield return new Violation($"coalesced guest frames expected {expected}, observed {count} ({which})",
                coalesced.Select(explanation => explanation.GuestIndex).ToList(), []);
        }
    }
}
