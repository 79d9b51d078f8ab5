namespace Rsc.Harness.Oracle;

/// <summary>
/// The expectations catalogue cases use on top of the oracle's general rules. Sent frames are named
/// by their index in the traffic plan.
/// </summary>
public static partial class Expect
{
    /// <summary>All these sent frames are delivered inside one and the same guest frame.</summary>
    public static Expectation MergedTogether(params int[] sentIndices) => throw new NotImplementedException();

    /// <summary>The sent frame is delivered in a guest frame of its own (not coalesced with anything).</summary>
    public static Expectation DeliveredAlone(int sentIndex) => throw new NotImplementedException();

    /// <summary>The two sent frames end up in different guest frames.</summary>
    public static Expectation NotMergedTogether(int sentA, int sentB) => throw new NotImplementedException();

    /// <summary>The guest receives between <paramref name="min"/> and <paramref name="max"/> frames (max defaults to min).</summary>
    public static Expectation GuestFrameCount(int min, int? max = null) => throw new NotImplementedException();

    /// <summary>The number of coalesced guest frames lies between min and max (max defaults to min).</summary>
    public static Expectation CoalescedFrameCount(int min, int? max = null) => throw new NotImplementedException();

    /// <summary>The guest frame holding <paramref name="sentIndex"/> reports exactly these RSC counts.</summary>
    public static Expectation RscCounts(int sentIndex, int segments, int dupAcks) => throw new NotImplementedException();

    /// <summary>The guest frame holding sent frame <paramref name="earlier"/> is delivered before the one holding <paramref name="later"/>.</summary>
    public static Expectation DeliveredInOrder(int earlier, int later) => throw new NotImplementedException();

    /// <summary>Every sent frame reaches the guest within <paramref name="ns"/> of being sent.</summary>
    public static Expectation LatencyAtMost(long ns) => throw new NotImplementedException();

    /// <summary>The device's NDIS counters equal the given values (null = not checked).</summary>
    public static Expectation Statistics(long? coalescedPackets = null, long? coalescedOctets = null, long? coalesceEvents = null, long? aborts = null) =>
        throw new NotImplementedException();

    /// <summary>Any other check, written inline by a case.</summary>
    public static Expectation That(string rule, string description, Func<ExpectationContext, IEnumerable<Violation>> check) =>
        throw new NotImplementedException();
}
