using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Device.Tests;

/// <summary>The hot path allocates nothing per segment once warmed up.</summary>
[TestFixture]
public sealed class AllocationTests
{
    /// <summary>Takes every delivery and reads its virtio header, allocation-free.</summary>
    private sealed class NullSink : IGuestSink
    {
        private const byte FlagRscInfo = 4;

        public long Bytes;
        public long Deliveries;

        /// <summary>Sum of the segment counts (csum_start) of RSC_INFO deliveries.</summary>
        public long CoalescedSegments;

        public void Deliver(ReadOnlySpan<byte> headerAndFrame)
        {
            Bytes += headerAndFrame.Length;
            Deliveries++;
            if ((headerAndFrame[0] & FlagRscInfo) != 0)
            {
                CoalescedSegments += headerAndFrame[6] | (headerAndFrame[7] << 8);
            }
        }
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

    /// <summary>
    /// The drain path: every unit is delivered by its chain's timer firing (headers rebuilt, virtio
    /// header written, unit back in its pool), never by size, an exception or Flush. Same two
    /// windows of 40,000 segments; the bytes the fake clock allocates to arm a timer are its own
    /// and are set apart, everything else on the thread counts against the engine.
    /// </summary>
    [TestCase(4, 1, 1)]
    [TestCase(4, 1, 4)]
    [TestCase(6, 1, 4)]
    [TestCase(4, 64, 4)]
    public void DrainTimerFlushAllocatesNothing(int ipVersion, int flowCount, int segmentsPerUnit)
    {
        const int segmentsPerWindow = 40_000;
        var traffic = new TrafficBuilder();
        var flows = Enumerable.Range(0, flowCount).Select(i => ipVersion == 6 ? traffic.FlowV6(i) : traffic.FlowV4(i)).ToArray();
        foreach (var f in flows)
        {
            f.WithTimestamps();
        }
        // Each drain takes one unit of every flow. The ring wraps between drains, when no unit is
        // open, so its first segments open fresh units instead of meeting a retransmission.
        int segmentsPerDrain = flowCount * segmentsPerUnit;
        var frames = new byte[8 * segmentsPerDrain][];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = flows[i % flowCount].Data(1448).Frame;
        }
        var options = new RscEngineOptions();
        var clock = new MeteredClock();
        var sink = new NullSink();
        using var engine = new RscEngine(options, clock, sink);
        var feed = new DrainFeed(engine, clock, frames, segmentsPerDrain, options.DrainInterval);
        feed.Drains(6_000 / segmentsPerDrain + 8);

        int drainsPerWindow = segmentsPerWindow / segmentsPerDrain;
        long first = EngineAllocatedWhile(clock, () => feed.Drains(drainsPerWindow));
        long second = EngineAllocatedWhile(clock, () => feed.Drains(drainsPerWindow));

        Assert.That(Math.Min(first, second), Is.Zero, $"bytes the engine allocated in the two windows: {first}, {second}");
        var stats = engine.Statistics;
        long units = (long)feed.DrainCount * flowCount;
        Assert.Multiple(() =>
        {
            Assert.That(stats[RscCounter.FinalTimer], Is.EqualTo(units), "every unit is delivered by the drain timer");
            Assert.That(stats[RscCounter.Delivered], Is.EqualTo(units), "and nothing else is delivered");
            Assert.That(sink.Deliveries, Is.EqualTo(units));
            Assert.That(sink.CoalescedSegments, Is.EqualTo(segmentsPerUnit > 1 ? feed.Segments : 0), "segment counts in the virtio headers");
            Assert.That(engine.CachedUnits, Is.Zero);
        });
    }

    /// <summary>Feeds one unit's worth of segments per flow, then lets the drain timer fire.</summary>
    private sealed class DrainFeed(RscEngine engine, MeteredClock clock, byte[][] frames, int segmentsPerDrain, TimeSpan interval)
    {
        private int _next;

        public int DrainCount { get; private set; }
        public long Segments { get; private set; }

        public void Drains(int count)
        {
            for (int d = 0; d < count; d++)
            {
                for (int i = 0; i < segmentsPerDrain; i++)
                {
                    engine.Receive(frames[_next]);
                    _next = (_next + 1) % frames.Length;
                }
                clock.Advance(interval);
                DrainCount++;
                Segments += segmentsPerDrain;
            }
        }
    }

    private static long EngineAllocatedWhile(MeteredClock clock, Action action)
    {
        long clockBefore = clock.ClockBytes;
        long total = AllocatedWhile(action);
        return total - (clock.ClockBytes - clockBefore);
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
