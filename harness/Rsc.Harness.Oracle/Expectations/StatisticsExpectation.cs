namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The device's NDIS counters equal the given values (null: not checked).</summary>
internal sealed class StatisticsExpectation(long? coalescedPackets, long? coalescedOctets, long? coalesceEvents, long? aborts)
    : Expectation(Rules.ExpectationRules.Statistics, "the device's RSC counters equal the expected values")
{
    public override bool DependsOnTiming => true;

    public override bool NeedsGuestFrames => false;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var stats = context.Capture.Statistics;
        if (stats is null)
        {
            yield return new Violation("RSC counters expected; observed none reported by the device", [], []);
            yield break;
        }
        var checks = new (string Name, long? Expected, long Observed)[]
        {
            ("CoalescedPkts", coalescedPackets, stats.CoalescedPackets),
            ("CoalescedOctets", coalescedOctets, stats.CoalescedOctets),
            ("CoalesceEvents", coalesceEvents, stats.CoalesceEvents),
            ("Aborts", aborts, stats.Aborts),
        };
        foreach (var (name, expected, observed) in checks)
        {
            if (expected is { } want && want != observed)
            {
                yield return new Violation($"{name} expected {want}, observed {observed}", [], []);
            }
        }
    }
}
