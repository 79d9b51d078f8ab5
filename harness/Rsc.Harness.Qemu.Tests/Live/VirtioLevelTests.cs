using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu.Tests.Live;

[TestFixture]
[Category("Live")]
[NonParallelizable]
public sealed class VirtioLevelTests
{
    private const long Interval = 10_000_000;
    private const long Spacing = 1_000_000;

    [SetUp]
    public void RequireQemu() => QemuLive.RequireOrIgnore();

    [Test]
    public async Task WithoutRscExtNegotiatedNoFrameCarriesRscInfo()
    {
        await using var device = await QemuLive.StartAsync("interval-us=10000,rsc-ext=off", Interval);
        Assert.That(VirtioFeatures.Has(device.OfferedFeatures, VirtioFeatures.RscExt), Is.True, "QEMU should offer RSC_EXT (guest_rsc_ext=on)");
        Assert.That(VirtioFeatures.Has(device.NegotiatedFeatures, VirtioFeatures.RscExt), Is.False);
        Assert.That(device.Info.Capabilities.ExcuseFor(Rsc.Harness.Oracle.OracleRules.RscInfo), Is.Not.Null);
        var capture = await device.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        TestContext.Out.WriteLine(QemuLive.Describe(capture));
        Assert.That(capture.Guest, Has.Count.EqualTo(5), "without RSC_EXT nothing is coalesced");
        Assert.That(capture.Guest.Where(g => g.Header.HasRscInfo), Is.Empty);
    }

    [Test]
    public async Task ControlQueueSwitchesRscOffAndOn()
    {
        await using var device = await QemuLive.StartAsync("interval-us=10000", Interval);

        Assert.That(device.SetRsc(false), Is.EqualTo(VirtioNetDriver.ControlOk), "CTRL_GUEST_OFFLOADS_SET without RSC_EXT");
        var off = await device.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        TestContext.Out.WriteLine("RSC off:" + Environment.NewLine + QemuLive.Describe(off));

        Assert.That(device.SetRsc(true), Is.EqualTo(VirtioNetDriver.ControlOk), "CTRL_GUEST_OFFLOADS_SET with RSC_EXT");
        var on = await device.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        TestContext.Out.WriteLine("RSC on:" + Environment.NewLine + QemuLive.Describe(on));

        Assert.Multiple(() =>
        {
            Assert.That(off.Guest, Has.Count.EqualTo(5), "RSC switched off: every segment alone");
            Assert.That(off.Guest.Where(g => g.Header.HasRscInfo), Is.Empty);
            Assert.That(on.Guest, Has.Count.EqualTo(1), "RSC switched back on: one coalesced frame");
            Assert.That(on.Guest.Select(g => g.Header.RscSegments), Is.EqualTo(new int?[] { 5 }));
        });
    }

    [Test]
    public async Task CoalescedFrameOverMergeableBuffersIsReassembledAndCountedOnce()
    {
        await using var device = await QemuLive.StartAsync("interval-us=10000,mrg=on,buffer-size=1526", Interval);
        Assert.That(VirtioFeatures.Has(device.NegotiatedFeatures, VirtioFeatures.MrgRxbuf), Is.True);
        var capture = await device.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        TestContext.Out.WriteLine(QemuLive.Describe(capture));
        TestContext.Out.WriteLine($"frames {device.Received.Frames}, rx buffers used {device.Received.Buffers}");
        Assert.Multiple(() =>
        {
            Assert.That(capture.Guest, Has.Count.EqualTo(1));
            Assert.That(capture.Guest[0].Header.RscSegments, Is.EqualTo(5));
            Assert.That(capture.Guest[0].Frame, Has.Length.EqualTo(14 + 20 + 20 + (5 * 1448)));
            Assert.That(capture.Guest[0].Header.NumBuffers, Is.GreaterThan(1), "the frame should span several 1526-byte buffers");
            Assert.That(device.Received.Buffers, Is.EqualTo(capture.Guest[0].Header.NumBuffers));
            Assert.That(device.Received.Frames, Is.EqualTo(1));
        });
        // The payload survived reassembly byte for byte.
        var expected = QemuLive.InOrder(5, Spacing).Frames.SelectMany(f => f.Frame.Skip(54)).ToArray();
        Assert.That(capture.Guest[0].Frame.Skip(54).ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public async Task FramesForAnotherMacReachTheGuestUnchangedInPromiscuousMode()
    {
        await using var device = await QemuLive.StartAsync("interval-us=10000,rsc-ext=off", Interval);
        Assert.That(device.Promiscuous, Is.True, "CTRL_RX PROMISC should be accepted");
        var traffic = new TrafficBuilder(Spacing);
        var flow = traffic.Flow(FlowSpec.V4("other-mac") with { DestinationMac = [0x02, 0x00, 0x00, 0x00, 0x00, 0x99] });
        flow.Data(100);
        var plan = traffic.Build();
        var capture = await device.RunAsync(plan, CancellationToken.None);
        Assert.That(capture.Guest, Has.Count.EqualTo(1));
        Assert.That(capture.Guest[0].Frame, Is.EqualTo(plan.Frames[0].Frame));
        Assert.That(capture.Notes.Any(n => n.Contains("rewritten", StringComparison.Ordinal)), Is.False);
    }

    /// <summary>
    /// Without RSC, QEMU stops reading the TAP while no rx buffer is posted and the frames wait in
    /// the kernel: once buffers come back every frame arrives, exactly once, in order.
    /// </summary>
    [Test]
    public async Task WithoutRscNoFrameIsLostWhileNoRxBufferIsPosted()
    {
        // Two rx buffers, not given back: the device runs dry after two frames.
        await using var device = await QemuLive.StartAsync("interval-us=10000,rsc-ext=off,rx-buffers=2", Interval);
        device.RepostBuffers = false;
        var plan = QemuLive.InOrder(6, Spacing, payload: 100);
        var dry = await device.RunAsync(plan, CancellationToken.None);
        device.RepostBuffers = true;
        device.RepostAllBuffers();
        var late = device.Drain(200);
        TestContext.Out.WriteLine($"without RSC: 6 frames sent, {dry.Guest.Count} delivered while 2 buffers lasted, {late.Count} more after buffers were posted again");

        // Compared from the IP header on: the destination MAC may have been rewritten to the guest's.
        var arrived = dry.Guest.Select(g => g.Frame).Concat(late.Select(f => f.Frame)).Select(IpOnwards).ToList();
        var sent = plan.Frames.Select(f => IpOnwards(f.Frame)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(dry.Guest, Has.Count.EqualTo(2), "two buffers, two frames");
            Assert.That(late.Select(f => f.Header.HasRscInfo), Is.All.False, "RSC_EXT is not negotiated");
            Assert.That(arrived, Has.Count.EqualTo(sent.Count), "every frame arrives once buffers are posted again: none lost, none doubled");
            Assert.That(arrived, Is.EqualTo(sent), "the frames that arrive are the frames sent, in order");
        });
    }

    /// <summary>
    /// With RSC, QEMU takes coalescible segments off the TAP whether or not a buffer is posted; its
    /// drain timer then frees a unit it cannot deliver (virtio_net_rsc_drain_seg drops the segment
    /// whatever virtio_net_do_receive returned), so segments coalesced meanwhile are lost.
    /// </summary>
    [Test]
    public async Task WithRscSegmentsCoalescedWhileNoRxBufferIsPostedAreLost()
    {
        await using var rsc = await QemuLive.StartAsync("interval-us=10000,rx-buffers=2", Interval);
        rsc.RepostBuffers = false;
        // Two flows, one segment each: two units, two buffers used up, however late QEMU reads them.
        var traffic = new TrafficBuilder(Spacing);
        traffic.FlowV4(1).Data(100);
        traffic.FlowV4(2).Data(100);
        var first = await rsc.RunAsync(traffic.Build(), CancellationToken.None);
        var second = await rsc.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        // The run already watched an interval past the last segment; ten more make sure the drain
        // timer has fired before buffers come back, even if QEMU picked the segments up late.
        await Task.Delay(TimeSpan.FromMicroseconds(10 * Interval / 1000));
        rsc.RepostBuffers = true;
        rsc.RepostAllBuffers();
        var rscLate = rsc.Drain(200);
        int lateSegments = rscLate.Sum(f => f.Header.RscSegments ?? 1);
        TestContext.Out.WriteLine(
            $"with RSC: {first.Guest.Count} frame(s) used up the 2 buffers ({string.Join(", ", first.Guest.Select(g => g.Header.ToString()))}); then 5 coalescible segments were sent while none was posted: "
            + $"{second.Guest.Count} delivered during the run, {rscLate.Count} frame(s) holding {lateSegments} segment(s) after buffers were posted again "
            + $"({string.Join(", ", rscLate.Select(f => f.Header.ToString()))})");

        Assert.Multiple(() =>
        {
            Assert.That(first.Guest, Has.Count.EqualTo(2), "two buffers, two frames");
            // What holds for any device: nothing is delivered without a buffer, nor more segments than were sent.
            Assert.That(second.Guest, Is.Empty, "nothing is delivered while no buffer is posted");
            Assert.That(lateSegments, Is.LessThanOrEqualTo(5), "segments delivered once buffers came back");
            // What QEMU does: the unit drained while no buffer was posted is gone.
            Assert.That(lateSegments, Is.Zero, "QEMU frees the unit its drain timer could not deliver: the 5 segments are lost");
        });
    }

    private static byte[] IpOnwards(byte[] frame) => frame[14..];
}
