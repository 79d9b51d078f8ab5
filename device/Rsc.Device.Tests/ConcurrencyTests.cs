using Rsc.Harness.Core.Traffic;

namespace Rsc.Device.Tests;

/// <summary>Receive, Flush and the drain timer may run on different threads: one lock keeps state whole.</summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    private sealed class CountingSink : IGuestSink
    {
        public long PayloadBytes;
        public long Deliveries;
        public long BadChecksums;

        public void Deliver(ReadOnlySpan<byte> headerAndFrame)
        {
            var frame = headerAndFrame[12..];
            var p = Harness.Core.Net.PacketParser.Parse(frame.ToArray());
            // May run on a timer thread: record, assert later.
            BadChecksums += p.TcpChecksumValid ? 0 : 1;
            PayloadBytes += p.PayloadLength;
            Deliveries++;
        }
    }

    [Test]
    public void ConcurrentSendersWithARealTimerLoseAndDuplicateNothing()
    {
        const int threads = 4;
        const int perThread = 3000;
        var traffic = new TrafficBuilder();
        var frames = Enumerable.Range(0, threads)
            .Select(t =>
            {
                var flow = t % 2 == 0 ? traffic.FlowV4(t) : traffic.FlowV6(t);
                return Enumerable.Range(0, perThread).Select(_ => flow.Data(100).Frame).ToArray();
            })
            .ToArray();
        var sink = new CountingSink();
        var engine = new RscEngine(new RscEngineOptions { DrainInterval = TimeSpan.FromMicroseconds(50) }, TimeProvider.System, sink);

        Parallel.For(0, threads, t =>
        {
            for (int i = 0; i < perThread; i++)
            {
                engine.Receive(frames[t][i]);
                if (i % 500 == 0)
                {
                    engine.Flush();
                }
            }
        });
        engine.Dispose();

        Assert.That(sink.PayloadBytes, Is.EqualTo(threads * perThread * 100L));
        Assert.That(sink.BadChecksums, Is.Zero);
        Assert.That(engine.Statistics[RscCounter.Delivered], Is.EqualTo(sink.Deliveries));
        Assert.That(engine.Statistics.CoalescedPackets + (sink.Deliveries - engine.Statistics.CoalesceEvents), Is.EqualTo(threads * perThread));
    }
}
