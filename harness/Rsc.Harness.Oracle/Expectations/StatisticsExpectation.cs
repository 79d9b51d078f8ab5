namespace Rsc.Harness.Oracle.Expectations;

/// <summary>The device's NDIS counters equal the given values (null: not checked).</summary>
internal sealed class StatisticsExpectation(long? coalescedPackets, long? coalescedOctets, long? coalesceEvents, long? aborts)
    : Expectation(Rules.ExpectationRules.Statistics, "the device's RSC counters equal the expected values")
{
    public override bool DependsOnTiming => true;

    public override bool NeedsGuestFrames => false;

    /// <summary>
    /// Aborts alone — segments that may never be coalesced, a timer flush or the size limit not
    /// counting — do not depend on where the drain fell, so reported counters that break them stand
    /// on a real clock too. The other counters, and a device that reports none, keep the excuse.
    /// </summary>
    public override string? ExcuseOnRealTime(Violation violation, ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool abortsOnly = aborts is not null && coalescedPackets is null && coalescedOctets is null && coalesceEvents is null;
        return abortsOnly && context.Capture.Statistics is not null ? null : base.ExcuseOnRealTime(violation, context);
    }

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
