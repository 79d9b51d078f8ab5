using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>
/// The engine's own contract beside the rules: argument checks, use after disposal, the per-protocol
/// drain timers, the engine's own counters and frames larger than the reusable delivery buffer.
/// </summary>
[TestFixture]
public sealed class EngineLifecycleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMicroseconds(300);

    [Test]
    public void AMissingClockOrSinkIsRejectedByName()
    {
        var time = TimeProvider.System;
        var sink = new GuestRecorder(time);

        var noClock = Assert.Throws<ArgumentNullException>(() => _ = new RscEngine(new RscEngineOptions(), null!, sink));
        var noSink = Assert.Throws<ArgumentNullException>(() => _ = new RscEngine(new RscEngineOptions(), time, null!));

        Assert.That(noClock!.ParamName, Is.EqualTo("timeProvider"));
        Assert.That(noSink!.ParamName, Is.EqualTo("sink"));
    }

    [Test]
    public void FlushAfterDisposeThrowsAndDeliversNothingTwice()
    {
        var rig = new EngineRig();
        rig.Send(rig.Flow().Data(10));
        rig.Dispose();

        Assert.Throws<ObjectDisposedException>(() => rig.Engine.Flush());
        rig.Dispose();
        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        Assert.That(rig.Stats[RscCounter.FinalFlush], Is.EqualTo(1));
    }

    [Test]
    public void EachProtocolHasItsOwnDrainDeadline()
    {
        using var rig = new EngineRig();
        var v4 = rig.Flow(4, 0).Data(100);
        var v6 = rig.Flow(6, 1).Data(100);
        rig.Send(v4);
        rig.Time.Advance(TimeSpan.FromMicroseconds(200));
        rig.Send(v6);

        rig.Time.Advance(TimeSpan.FromMicroseconds(100));
        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { v4.Frame }), "IPv4 chain drained at its own deadline");
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1));

        rig.Time.Advance(TimeSpan.FromMicroseconds(200));
        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { v4.Frame, v6.Frame }), "IPv6 chain drained one interval after its first unit");
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
        Assert.That(rig.Stats[RscCounter.FinalTimer], Is.EqualTo(2));
    }

    [Test]
    public void UnitsStartedAndDataJoinedCountEveryUnitAndAppend()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        rig.Send(flow.Data(100), flow.Data(100), flow.Data(100));
        // A DSCP change ends the unit and starts the next one with this segment.
        flow.Dscp = 10;
        rig.Send(flow.Data(100), flow.Data(100));
        rig.Send(rig.Flow(6, 1).Data(100));
        rig.Engine.Flush();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rig.Guest.Count, Is.EqualTo(3));
            Assert.That(rig.Stats[RscCounter.Received], Is.EqualTo(6));
            Assert.That(rig.Stats[RscCounter.UnitsStarted], Is.EqualTo(3));
            Assert.That(rig.Stats[RscCounter.DataJoined], Is.EqualTo(3));
            Assert.That(rig.Stats[RscCounter.Delivered], Is.EqualTo(3));
            Assert.That(rig.Stats[RscCounter.FinalHeaderChange], Is.EqualTo(1));
            Assert.That(rig.Stats[RscCounter.FinalFlush], Is.EqualTo(2));
        }
    }

    [Test]
    public void ASegmentDeliveredAloneAfterAPlainFrameStillCarriesDataValid()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        rig.Send(new byte[60]);
        rig.Send(flow.Data(100));
        flow.Skip(100);
        var gap = flow.Data(100);
        rig.Send(gap);

        Assert.That(rig.Guest.Count, Is.EqualTo(3));
        Assert.That(rig.Guest[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.None), "the frame of no flow is not vouched for");
        Assert.That(rig.Guest[2].Frame, Is.EqualTo(gap.Frame));
        Assert.That(rig.Guest[2].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.DataValid), "the out-of-order segment was verified");
        Assert.That(rig.Stats[RscCounter.Delivered], Is.EqualTo(3));
    }

    [TestCase(9014)]
    [TestCase(20000)]
    public void AFrameLargerThanTheDeliveryBufferArrivesWhole(int length)
    {
        using var rig = new EngineRig();
        var jumbo = new byte[length];
        jumbo[12] = 0x88;
        jumbo[13] = 0xB5;
        for (int i = 14; i < jumbo.Length; i++)
        {
            jumbo[i] = (byte)i;
        }

        rig.Send(new byte[60]);
        rig.Send(jumbo);
        rig.Send(new byte[64]);

        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame.Length), Is.EqualTo(new[] { 60, length, 64 }));
        Assert.That(rig.Guest[1].Frame, Is.EqualTo(jumbo));
    }
}
