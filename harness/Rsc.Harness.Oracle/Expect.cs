using Rsc.Harness.Oracle.Expectations;

namespace Rsc.Harness.Oracle;

/// <summary>
/// The expectations catalogue cases use on top of the oracle's general rules. Sent frames are named
/// by their index in the traffic plan. Each reports under a default rule id (see the implementing
/// class); <see cref="Expectation.WithRule"/> and <see cref="Expectation.WithLevel"/> adapt it.
/// </summary>
public static partial class Expect
{
    /// <summary>All these sent frames are delivered inside one and the same guest frame.</summary>
    public static Expectation MergedTogether(params int[] sentIndices)
    {
        ArgumentNullException.ThrowIfNull(sentIndices);
        if (sentIndices.Length < 2)
        {
            throw new ArgumentException("name at least two sent frames", nameof(sentIndices));
        }
        foreach (var index in sentIndices)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(sentIndices));
        }
        return new MergedTogetherExpectation([.. sentIndices]);
    }

    /// <summary>The sent frame is delivered in a guest frame of its own (not coalesced with anything).</summary>
    public static Expectation DeliveredAlone(int sentIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sentIndex);
        return new DeliveredAloneExpectation(sentIndex);
    }

    /// <summary>The two sent frames end up in different guest frames.</summary>
    public static Expectation NotMergedTogether(int sentA, int sentB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sentA);
        ArgumentOutOfRangeException.ThrowIfNegative(sentB);
        return new NotMergedTogetherExpectation(sentA, sentB);
    }

    /// <summary>The guest receives between <paramref name="min"/> and <paramref name="max"/> frames (max defaults to min).</summary>
    public static Expectation GuestFrameCount(int min, int? max = null)
    {
        var (low, high) = Range(min, max);
        return new GuestFrameCountExpectation(low, high);
    }

    /// <summary>The number of coalesced guest frames lies between min and max (max defaults to min).</summary>
    public static Expectation CoalescedFrameCount(int min, int? max = null)
    {
        var (low, high) = Range(min, max);
        return new CoalescedFrameCountExpectation(low, high);
    }

    /// <summary>The guest frame holding <paramref name="sentIndex"/> reports exactly these RSC counts.</summary>
    public static Expectation RscCounts(int sentIndex, int segments, int dupAcks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sentIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(segments);
        ArgumentOutOfRangeException.ThrowIfNegative(dupAcks);
        return new RscCountsExpectation(sentIndex, segments, dupAcks);
    }

    /// <summary>The guest frame holding sent frame <paramref name="earlier"/> is delivered before the one holding <paramref name="later"/>.</summary>
    public static Expectation DeliveredInOrder(int earlier, int later)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(earlier);
        ArgumentOutOfRangeException.ThrowIfNegative(later);
        return new DeliveredInOrderExpectation(earlier, later);
    }

    /// <summary>Every sent frame reaches the guest within <paramref name="ns"/> of being sent.</summary>
    public static Expectation LatencyAtMost(long ns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ns);
        return new LatencyAtMostExpectation(ns);
    }

    /// <summary>The device's NDIS counters equal the given values (null = not checked).</summary>
    public static Expectation Statistics(long? coalescedPackets = null, long? coalescedOctets = null, long? coalesceEvents = null, long? aborts = null) =>
        new StatisticsExpectation(coalescedPackets, coalescedOctets, coalesceEvents, aborts);

    /// <summary>Any other check, written inline by a case.</summary>
    public static Expectation That(string rule, string description, Func<ExpectationContext, IEnumerable<Violation>> check) =>
        That(rule, description, check, dependsOnTiming: false);

    /// <param name="dependsOnTiming">The check asks where unit boundaries fall; on a real clock its violations become Info (see <see cref="Expectation.DependsOnTiming"/>).</param>
    public static Expectation That(string rule, string description, Func<ExpectationContext, IEnumerable<Violation>> check, bool dependsOnTiming)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(check);
        return new InlineExpectation(rule, description, check, dependsOnTiming);
    }

    private static (int Min, int Max) Range(int min, int? max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        int high = max ?? min;
        ArgumentOutOfRangeException.ThrowIfLessThan(high, min, nameof(max));
        return (min, high);
    }
}
