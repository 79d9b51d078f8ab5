using System.Diagnostics;
using Rsc.Device.Daemon.Tests.Support;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Daemon.Tests;

/// <summary>
/// The daemon in the test process (<see cref="DeviceDaemon.Run"/> on a thread) on a real TAP: frames
/// go in through AF_PACKET on the TAP's kernel side and come out of the guest socket.
/// </summary>
[TestFixture]
[Category("Live")]
[NonParallelizable]
public sealed class DeviceDaemonLiveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public void Five_in_order_segments_arrive_as_one_coalesced_guest_frame()
    {
        using var rig = LiveRig.Create();
        // A long interval, so all five are surely in the unit when it drains.
        using var daemon = new InProcessDaemon(rig.Options(TimeSpan.FromMilliseconds(50)));
        rig.AcceptDaemon();

        var traffic = new TrafficBuilder();
        var flow = traffic.FlowV4();
        for (int i = 0; i < 5; i++)
        {
            flow.Data(1000);
        }
        var frames = traffic.Build().Frames;
        foreach (var frame in frames)
        {
            rig.Inject(frame.Frame);
        }

        var message = rig.Guest.ReceiveTcp(flow.Spec, Patience);
        Assert.That(message, Is.Not.Null, () => $"no guest frame; daemon log: {daemon.Log}");
        var header = message!.Header;
        var packet = message.Packet;
        Assert.Multiple(() =>
        {
            Assert.That(header.HasRscInfo, Is.True, () => $"header {header}");
            Assert.That(header.RscSegments, Is.EqualTo(5), () => $"header {header}");
            Assert.That(header.RscDupAcks, Is.Zero);
            Assert.That(header.GsoType, Is.EqualTo(VirtioGsoType.TcpV4));
            Assert.That(header.GsoSize, Is.EqualTo(1000));
            Assert.That(packet.PayloadLength, Is.EqualTo(5000));
            Assert.That(packet.Seq, Is.EqualTo(frames[0].Segment!.Seq));
            Assert.That(packet.Payload.ToArray(), Is.EqualTo(frames.SelectMany(f => f.Segment!.Payload.ToArray()).ToArray()));
        });
        Assert.That(rig.Guest.ReceiveTcp(flow.Spec, TimeSpan.FromMilliseconds(200)), Is.Null, "a second guest frame for the same five segments");
        Assert.That(daemon.Stop(Patience), Is.Zero, () => daemon.Log);
        Assert.That(daemon.Log, Does.Contain($"rsc device: tap {rig.Tap.Name} (vnet header 12), guest socket {rig.Guest.Path}, interval 50000 us, faults none, max flows 1024"));
        Assert.That(daemon.Log, Does.Contain("stopped: 5 frame(s) from the tap, 1 delivered"));
    }

    [Test]
    public void A_lone_segment_is_delivered_when_the_drain_timer_fires()
    {
        using var rig = LiveRig.Create();
        var interval = TimeSpan.FromMicroseconds(500);
        using var daemon = new InProcessDaemon(rig.Options(interval));
        rig.AcceptDaemon();

        const int Rounds = 20;
        var traffic = new TrafficBuilder();
        var flows = Enumerable.Range(0, Rounds + 1).Select(i => traffic.FlowV4(i)).ToList();
        flows.ForEach(f => f.Data(700));
        var frames = traffic.Build().Frames;
        // One segment of another flow first, so neither side's first-use costs count in the figures.
        long firstSent = Stopwatch.GetTimestamp();
        rig.Inject(frames[0].Frame);
        var first = rig.Guest.ReceiveTcp(flows[0].Spec, Patience);
        Assert.That(first, Is.Not.Null, () => $"no guest frame; daemon log: {daemon.Log}");
        TestContext.Out.WriteLine($"first segment after start (test side cold): {Stopwatch.GetElapsedTime(firstSent, first!.ReceivedTimestamp).TotalMicroseconds:0} us");

        var delays = new List<TimeSpan>();
        for (int i = 1; i <= Rounds; i++)
        {
            long sent = Stopwatch.GetTimestamp();
            rig.Inject(frames[i].Frame);
            var message = rig.Guest.ReceiveTcp(flows[i].Spec, Patience);
            Assert.That(message, Is.Not.Null, () => $"no guest frame for segment {i}; daemon log: {daemon.Log}");
            delays.Add(Stopwatch.GetElapsedTime(sent, message!.ReceivedTimestamp));
            Assert.Multiple(() =>
            {
                Assert.That(message.Header.HasRscInfo, Is.False, () => $"header {message.Header}");
                Assert.That(message.Header.DataValid, Is.True, () => $"header {message.Header}");
                Assert.That(message.Packet.PayloadLength, Is.EqualTo(700));
            });
        }
        delays.Sort();
        TestContext.Out.WriteLine($"lone segment, interval {interval.TotalMicroseconds} us, {Rounds} rounds: inject-to-guest min {delays[0].TotalMicroseconds:0} us, median {delays[Rounds / 2].TotalMicroseconds:0} us, max {delays[^1].TotalMicroseconds:0} us");
        Assert.That(daemon.Stop(Patience), Is.Zero);
        TestContext.Out.WriteLine(daemon.Log.TrimEnd());
        Assert.Multiple(() =>
        {
            // Held for the interval, then drained: never early; the upper bound is generous (a loaded CI machine), not a performance figure.
            Assert.That(delays[0], Is.GreaterThanOrEqualTo(interval));
            Assert.That(delays[^1], Is.LessThan(interval + TimeSpan.FromMilliseconds(250)));
        });
    }

    [Test]
    public void Held_data_is_flushed_to_the_guest_when_the_daemon_is_stopped()
    {
        using var rig = LiveRig.Create();
        // The drain timer never fires in this test's lifetime: only the stop can deliver the unit.
        using var daemon = new InProcessDaemon(rig.Options(TimeSpan.FromMinutes(10)));
        rig.AcceptDaemon();
        var traffic = new TrafficBuilder();
        var flow = traffic.FlowV4();
        for (int i = 0; i < 3; i++)
        {
            flow.Data(500);
        }
        foreach (var frame in traffic.Build().Frames)
        {
            rig.Inject(frame.Frame);
        }
        Assert.That(rig.Guest.ReceiveTcp(flow.Spec, TimeSpan.FromMilliseconds(300)), Is.Null, "delivered before the stop");

        Assert.That(daemon.Stop(Patience), Is.Zero, () => daemon.Log);
        var message = rig.Guest.ReceiveTcp(flow.Spec, Patience);
        Assert.That(message, Is.Not.Null, () => $"nothing flushed; daemon log: {daemon.Log}");
        Assert.Multiple(() =>
        {
            Assert.That(message!.Header.RscSegments, Is.EqualTo(3), () => $"header {message.Header}");
            Assert.That(message.Packet.PayloadLength, Is.EqualTo(1500));
        });
    }

    [Test]
    public void IPv6_segments_coalesce_and_faults_reach_the_engine()
    {
        using var rig = LiveRig.Create();
        using var daemon = new InProcessDaemon(rig.Options(TimeSpan.FromMilliseconds(50), RscFault.GsoSizeZero));
        rig.AcceptDaemon();
        var traffic = new TrafficBuilder();
        var flow = traffic.FlowV6();
        for (int i = 0; i < 4; i++)
        {
            flow.Data(1200);
        }
        foreach (var frame in traffic.Build().Frames)
        {
            rig.Inject(frame.Frame);
        }
        var message = rig.Guest.ReceiveTcp(flow.Spec, Patience);
        Assert.That(message, Is.Not.Null, () => $"no guest frame; daemon log: {daemon.Log}");
        Assert.Multiple(() =>
        {
            Assert.That(message!.Packet.IpVersion, Is.EqualTo(6));
            Assert.That(message.Header.RscSegments, Is.EqualTo(4), () => $"header {message.Header}");
            Assert.That(message.Header.GsoType, Is.EqualTo(VirtioGsoType.TcpV6));
            Assert.That(message.Header.GsoSize, Is.Zero, "the gso-size-zero fault");
            Assert.That(daemon.Log, Does.Contain("faults gso-size-zero"));
        });
    }

    [Test]
    public void A_long_stream_is_conserved_and_the_loop_does_not_allocate_per_frame()
    {
        using var rig = LiveRig.Create();
        using var daemon = new InProcessDaemon(rig.Options(TimeSpan.FromMilliseconds(1)));
        rig.AcceptDaemon();
        const int Segments = 20_000;
        const int Size = 100;
        var traffic = new TrafficBuilder();
        var flow = traffic.FlowV4();
        for (int i = 0; i < Segments; i++)
        {
            flow.Data(Size);
        }
        var frames = traffic.Build().Frames;
        long payload = 0;
        long reported = 0;
        int messages = 0;
        uint expectedSeq = frames[0].Segment!.Seq;
        bool inOrder = true;
        var reader = Task.Run(() =>
        {
            while (payload < Segments * Size && rig.Guest.ReceiveTcp(flow.Spec, Patience) is { } m)
            {
                inOrder &= m.Packet.Seq == expectedSeq;
                expectedSeq = unchecked(expectedSeq + (uint)m.Packet.PayloadLength);
                payload += m.Packet.PayloadLength;
                Volatile.Write(ref reported, reported + (m.Header.RscSegments ?? 1));
                messages++;
            }
        });
        for (int i = 0; i < frames.Count; i++)
        {
            // At most 300 frames not yet seen by the guest: well inside the TAP's 500-frame queue, so nothing is dropped.
            var wait = Stopwatch.StartNew();
            while (i - Volatile.Read(ref reported) >= 300 && wait.Elapsed < Patience)
            {
                Thread.Sleep(0);
            }
            rig.Inject(frames[i].Frame);
        }
        Assert.That(reader.Wait(TimeSpan.FromSeconds(60)), Is.True, "the guest reader did not finish");
        Assert.That(daemon.Stop(Patience), Is.Zero, () => daemon.Log);
        var stopped = daemon.Log.Split('\n').Single(l => l.Contains("stopped:", StringComparison.Ordinal));
        long allocated = long.Parse(System.Text.RegularExpressions.Regex.Match(stopped, @"loop allocated (\d+) bytes").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine($"{Segments} segments of {Size} bytes -> {messages} guest frames; {stopped}");
        var drops = File.ReadAllText($"/sys/class/net/{rig.Tap.Name}/statistics/tx_dropped").Trim();
        Assert.Multiple(() =>
        {
            Assert.That(payload, Is.EqualTo(Segments * Size), () => $"payload lost or duplicated (TAP tx_dropped {drops})");
            Assert.That(inOrder, Is.True, "guest frames out of sequence order");
            Assert.That(reported, Is.EqualTo(Segments), "segment counts in the headers do not add up");
            Assert.That(messages, Is.LessThan(Segments), "nothing was coalesced");
            // Per-frame allocation would be at least 24 bytes x 20000 frames = 480 KB. The one-time costs are the
            // engine's unit buffer doubling from 2 KiB to the largest unit (at most 300 segments here: 62 KiB in
            // all) and a few hundred bytes of the loop's own.
            Assert.That(allocated, Is.LessThan(Segments * 8L), "the loop allocates per frame");
        });
    }

    [Test]
    public void The_daemon_exits_1_when_the_guest_socket_peer_goes_away()
    {
        using var rig = LiveRig.Create();
        using var daemon = new InProcessDaemon(rig.Options(TimeSpan.FromMilliseconds(1)));
        rig.AcceptDaemon();
        rig.Guest.Hangup();
        Assert.That(daemon.WaitForExit(Patience), Is.EqualTo(1), () => $"daemon log: {daemon.Log}");
        Assert.That(daemon.Log, Does.Contain("peer closed the connection"));
    }

    [Test]
    public void A_peer_going_away_while_data_is_held_is_reported_as_such()
    {
        using var rig = LiveRig.Create();
        using var daemon = new InProcessDaemon(rig.Options(TimeSpan.FromMinutes(10)));
        rig.AcceptDaemon();
        var traffic = new TrafficBuilder();
        var flow = traffic.FlowV4();
        flow.Data(400);
        flow.Data(400);
        foreach (var frame in traffic.Build().Frames)
        {
            rig.Inject(frame.Frame);
        }
        Thread.Sleep(200);
        rig.Guest.Hangup();
        Assert.That(daemon.WaitForExit(Patience), Is.EqualTo(1), () => $"daemon log: {daemon.Log}");
        var lines = daemon.Log.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(3), daemon.Log);
            Assert.That(lines[1], Does.Contain("ended: 2 frame(s) from the tap, 0 delivered"), "the run's figures, also after a failure");
            Assert.That(lines[^1], Does.EndWith("peer closed the connection"), "the first failure, not the undeliverable flush after it");
        });
    }

    [Test]
    public void A_missing_tap_and_a_socket_nobody_listens_on_are_runtime_errors()
    {
        using var rig = LiveRig.Create();
        var log = new StringWriter();
        int missingTap = DeviceDaemon.Run(rig.Options(TimeSpan.FromMilliseconds(1)) with { Tap = "rscdnosuch0" }, log, CancellationToken.None);
        int noListener = DeviceDaemon.Run(rig.Options(TimeSpan.FromMilliseconds(1)) with { GuestSocket = rig.Guest.Path + ".absent" }, log, CancellationToken.None);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(missingTap, Is.EqualTo(1));
            Assert.That(noListener, Is.EqualTo(1));
            Assert.That(lines, Has.Length.EqualTo(2));
            Assert.That(lines[0], Is.EqualTo("rsc device: tap 'rscdnosuch0' does not exist (create it first, persistent and up)"));
            Assert.That(lines[1], Does.StartWith($"rsc device: cannot connect to guest socket '{rig.Guest.Path}.absent': "));
        });
    }
}
