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

        var message = rig.Guest.ReceiveTcp(flow.Spec.DestinationPort, Patience);
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
        Assert.That(rig.Guest.ReceiveTcp(flow.Spec.DestinationPort, TimeSpan.FromMilliseconds(200)), Is.Null, "a second guest frame for the same five segments");
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

        var traffic = new TrafficBuilder();
        var flow = traffic.FlowV4();
        flow.Data(700);
        long sent = Stopwatch.GetTimestamp();
        rig.Inject(traffic.Build().Frames[0].Frame);

        var message = rig.Guest.ReceiveTcp(flow.Spec.DestinationPort, Patience);
        Assert.That(message, Is.Not.Null, () => $"no guest frame; daemon log: {daemon.Log}");
        var delay = Stopwatch.GetElapsedTime(sent, message!.ReceivedTimestamp);
        TestContext.Out.WriteLine($"lone segment, interval {interval.TotalMicroseconds} us: delivered after {delay.TotalMicroseconds:0} us");
        Assert.Multiple(() =>
        {
            Assert.That(message.Header.HasRscInfo, Is.False, () => $"header {message.Header}");
            Assert.That(message.Header.DataValid, Is.True, () => $"header {message.Header}");
            Assert.That(message.Packet.PayloadLength, Is.EqualTo(700));
            // Held for the interval, then drained; the bound is generous (a loaded CI machine), not a performance figure.
            Assert.That(delay, Is.LessThan(interval + TimeSpan.FromMilliseconds(250)));
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
        Assert.That(rig.Guest.ReceiveTcp(flow.Spec.DestinationPort, TimeSpan.FromMilliseconds(300)), Is.Null, "delivered before the stop");

        Assert.That(daemon.Stop(Patience), Is.Zero, () => daemon.Log);
        var message = rig.Guest.ReceiveTcp(flow.Spec.DestinationPort, Patience);
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
        var message = rig.Guest.ReceiveTcp(flow.Spec.DestinationPort, Patience);
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
