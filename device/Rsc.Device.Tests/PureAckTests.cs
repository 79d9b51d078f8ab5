using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>Pure ACKs: window updates absorbed, duplicate ACKs counted (R), everything else alone.</summary>
[TestFixture]
public sealed class PureAckTests
{
    [Test]
    public void AWindowUpdateIsAbsorbedAndTheUnitTakesTheNewWindow()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1448);
        var b = flow.Data(1448);
        flow.Window = 1234;
        var update = flow.PureAck();

        var got = rig.SendAndFlush(a, b, update);

        Assert.That(got, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Packet.Window, Is.EqualTo(1234));
            Assert.That(got[0].Packet.TcpChecksumValid, Is.True);
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2), "window updates are not segments");
            Assert.That(got[0].Header.RscDupAcks, Is.Zero);
            Assert.That(rig.Stats[RscCounter.WindowUpdate], Is.EqualTo(1));
            Assert.That(rig.Stats.CoalescedPackets, Is.EqualTo(2));
            Assert.That(rig.Stats.Aborts, Is.Zero);
        }
    }

    [Test]
    public void AWindowUpdateOnALoneSegmentMakesACoalescedUnitOfOneDataSegment()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1448);
        flow.Window = 999;

        var got = rig.SendAndFlush(a, flow.PureAck());

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo));
        Assert.That(got[0].Header.RscSegments, Is.EqualTo(1));
        Assert.That(got[0].Packet.Window, Is.EqualTo(999));
        Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(a)));
        Assert.That(rig.Stats.CoalesceEvents, Is.EqualTo(1));
    }

    [Test]
    public void DuplicateAcksAfterDataOpenANewUnitCountingOneLessThanTheDuplicates()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1448);
        var b = flow.Data(1448);
        var dup1 = flow.PureAck();
        var dup2 = flow.PureAck();
        var dup3 = flow.PureAck();

        var got = rig.SendAndFlush(a, b, dup1, dup2, dup3);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[0].Header.RscDupAcks, Is.Zero);
            Assert.That(got[1].Packet.PayloadLength, Is.Zero);
            Assert.That(got[1].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo));
            Assert.That(got[1].Header.GsoType, Is.EqualTo(VirtioGsoType.TcpV4));
            Assert.That(got[1].Header.RscSegments, Is.Zero);
            Assert.That(got[1].Header.RscDupAcks, Is.EqualTo(2));
            Assert.That(got[1].Header.GsoSize, Is.Zero, "a unit of pure ACKs has no MSS");
            Assert.That(got[1].Packet.TcpChecksumValid && got[1].Packet.IpChecksumValid, Is.True);
            Assert.That(rig.Stats[RscCounter.FinalDupAck], Is.EqualTo(1));
            Assert.That(rig.Stats[RscCounter.DupAck], Is.EqualTo(2));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
            Assert.That(rig.Stats.CoalesceEvents, Is.EqualTo(2));
            Assert.That(rig.Stats.CoalescedPackets, Is.EqualTo(2));
        }
    }

    [Test]
    public void DuplicatesOfALoneCumulativeAckAreAllCounted()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var ack = flow.PureAck();

        var got = rig.SendAndFlush(ack, flow.PureAck(), flow.PureAck(), flow.PureAck());

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Header.RscDupAcks, Is.EqualTo(3));
        Assert.That(got[0].Header.RscSegments, Is.Zero);
        Assert.That(rig.Stats.Aborts, Is.Zero);
    }

    [Test]
    public void AnAdvancingPureAckIsNeverAbsorbed()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1000);
        var b = flow.Data(1000);
        flow.Ack += 5000;
        var advancing = flow.PureAck();

        var got = rig.SendAndFlush(a, b, advancing);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[0].Packet.Ack, Is.EqualTo(a.Segment!.Ack));
            Assert.That(got[1].Frame, Is.EqualTo(advancing.Frame));
            Assert.That(got[1].IsCoalesced, Is.False);
            Assert.That(rig.Stats[RscCounter.FinalPureAck], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    [Test]
    public void DuplicatesFollowingAnAdvancingAckCountOnIt()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1000);
        flow.Ack += 5000;
        var advancing = flow.PureAck();

        var got = rig.SendAndFlush(a, advancing, flow.PureAck(), flow.PureAck());

        Assert.That(got, Has.Count.EqualTo(2));
        Assert.That(got[0].Frame, Is.EqualTo(a.Frame));
        Assert.That(got[1].Header.RscDupAcks, Is.EqualTo(2));
        Assert.That(got[1].Packet.Ack, Is.EqualTo(flow.Ack));
    }

    [Test]
    public void DataNeverJoinsAUnitThatCountedDuplicates()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var ack = flow.PureAck();
        var dup = flow.PureAck();
        var data = flow.Data(500);

        var got = rig.SendAndFlush(ack, dup, data);

        Assert.That(got, Has.Count.EqualTo(2));
        Assert.That(got[0].Header.RscDupAcks, Is.EqualTo(1));
        Assert.That(got[1].Frame, Is.EqualTo(data.Frame));
        Assert.That(rig.Stats[RscCounter.FinalDataAfterAck], Is.EqualTo(1));
    }

    [Test]
    public void DataAfterALonePureAckStartsItsOwnUnit()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var ack = flow.PureAck();
        var a = flow.Data(500);
        var b = flow.Data(500);

        var got = rig.SendAndFlush(ack, a, b);

        Assert.That(got, Has.Count.EqualTo(2));
        Assert.That(got[0].Frame, Is.EqualTo(ack.Frame));
        Assert.That(got[1].Header.RscSegments, Is.EqualTo(2));
    }

    [Test]
    public void APureAckWithAnUnexpectedSequenceNumberIsDeliveredAlone()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(500);
        var b = flow.Data(500);
        var odd = flow.PureAck(s => s with { Seq = s.Seq - 500 });

        rig.Send(a, b, odd);

        Assert.That(rig.Guest.Count, Is.EqualTo(2));
        Assert.That(rig.Guest[1].Frame, Is.EqualTo(odd.Frame));
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
    }

    [Test]
    public void ALonePureAckIsDeliveredUnchanged()
    {
        using var rig = new EngineRig();
        var ack = rig.Flow().PureAck();

        var got = rig.SendAndFlush(ack);

        Assert.That(got.Select(d => d.Frame), Is.EqualTo(new[] { ack.Frame }));
        Assert.That(got[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.DataValid));
    }
}
