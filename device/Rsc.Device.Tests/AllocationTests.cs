using Rsc.Harness.Core.Traffic;

namespace Rsc.Device.Tests;

/// <summary>The hot path allocates nothing per segment once warmed up.</summary>
[TestFixture]
public sealed class AllocationTests
{
    private sealed class NullSink : IGuestSink
    {
        public long Bytes;

        public void Deliver(ReadOnlySpan<byte> headerAndFrame) => Bytes += headerAndFrame.Length;
    }

    [TestCase(4, 1)]
    [TestCase(6, 1)]
    [TestCase(4, 64)]
    public void SteadyStateReceiveAllocatesNothing(int ipVersion, int flowCount)
    {
        var traffic = new TrafficBuilder();
        var flows = Enumerable.Range(0, flowCount).Select(i => ipVersion == 6 ? traffic.FlowV6(i) : traffic.FlowV4(i)).ToArray();
        foreach (var f in flows)
        {
            f.WithTimestamps();
        }
        // A ring of in-order segments; wrapping around is a retransmission, which is handled allocation-free too.
        var frames = new byte[2000][];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = flows[i % flowCount].Data(1448).Frame;
        }
        var sink = new NullSink();
        using var engine = new RscEngine(new RscEngineOptions(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(), sink);
        for (int i = 0; i < 3 * frames.Length; i++)
        {
            engine.Receive(frames[i % frames.Length]);
        }

        // Two measured windows of 40,000 segments each: an allocation per segment shows in both, while
        // a one-off of the runtime's (seen now and then when other tests load the machine: the
        // tiered JIT replacing code mid-loop) shows in one at most.
        long first = AllocatedWhile(() => ReceiveAll(engine, frames, 20));
        long second = AllocatedWhile(() => ReceiveAll(engine, frames, 20));

        Assert.That(Math.Min(first, second), Is.Zero, $"bytes allocated in the two windows: {first}, {second}");
        Assert.That(sink.Bytes, Is.Positive);
        Assert.That(engine.Statistics.CoalescedPackets, Is.Positive);
    }

    private static void ReceiveAll(RscEngine engine, byte[][] frames, int rounds)
    {
        for (int i = 0; i < rounds * frames.Length; i++)
        {
            engine.Receive(frames[i % frames.Length]);
        }
    }

    private static long AllocatedWhile(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
