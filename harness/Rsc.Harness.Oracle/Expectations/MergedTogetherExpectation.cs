namespace Rsc.Harness.Oracle.Expectations;

/// <summary>All the given sent frames arrive inside one and the same guest frame.</summary>
internal sealed class MergedTogetherExpectation(int[] sentIndices)
    : Expectation(Rules.ExpectationRules.MergedTogether, $"sent {string.Join(',', sentIndices)} are delivered in one guest frame")
{
    public override bool DependsOnTiming => true;

    /// <summary>
    /// A drain re-arms only when the next segment arrives, so two drains of one chain are at least an
    /// interval apart: frames sent within a span S can be cut into at most floor(S / interval) + 2
    /// pieces by timing. More pieces, or a frame never delivered, is the device's doing.
    /// </summary>
    public override string? ExcuseOnRealTime(Violation violation, ExpectationContext context) =>
        RealTimeBoundaries.ExplainSplit(sentIndices, context);

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var placed = sentIndices.Select(index => (Sent: index, Guest: context.Alignment.GuestFrameOf(index))).ToList();
        var missing = placed.Where(place => place.Guest is null).Select(place => place.Sent).ToList();
        var guests = placed.Where(place => place.Guest is not null).Select(place => place.Guest!.Value).Distinct().ToList();
        if (missing.Count == 0 && guests.Count == 1)
        {
            yield break;
        }
        string where = string.Join(", ", placed.Select(place => $"{place.Sent}→{(place.Guest is { } guestFrame ? $"guest {guestFrame}" : "not delivered")}"));
        yield return new Violation(
            $"sent {string.Join(',', sentIndices)} expected in one guest frame; observed {where}",
            guests, sentIndices);
    }
}
