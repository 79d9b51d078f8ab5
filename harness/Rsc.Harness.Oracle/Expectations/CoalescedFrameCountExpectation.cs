namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The number of coalesced guest frames lies within [min, max].</summary>
internal sealed class CoalescedFrameCountExpectation(int min, int max)
    : Expectation(Rules.ExpectationRules.CoalescedFrameCount, min == max ? $"{min} guest frames are coalesced" : $"{min} to {max} guest frames are coalesced")
{
    public override bool DependsOnTiming => true;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var coalesced = context.Alignment.Guest.Where(g => g.IsCoalesced).ToList();
        int n = coalesced.Count;
        if (n < min || n > max)
        {
            string expected = min == max ? $"{min}" : $"{min}..{max}";
            string which = n == 0 ? "none" : string.Join("; ", coalesced.Take(10).Select(g => $"guest {g.GuestIndex} = sent {string.Join(',', g.SentFrames)}"));
            yield return new Violation($"coalesced guest frames expected {expected}, observed {n} ({which})",
                coalesced.Select(g => g.GuestIndex).ToList(), []);
        }
    }
}
