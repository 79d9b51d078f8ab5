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

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20 * frames.Length; i++)
        {
            engine.Receive(frames[i % frames.Length]);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(sink.Bytes, Is.Positive);
        Assert.That(engine.Statistics.CoalescedPackets, Is.Positive);
    }
}
