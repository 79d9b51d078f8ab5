using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>In-order data joins its flow's unit and comes out as one rebuilt frame (R, IPH, IND, VS).</summary>
[TestFixture]
public sealed class CoalescingTests
{
    [TestCase(4)]
    [TestCase(6)]
    public void InOrderSegmentsBecomeOneCoalescedUnit(int ipVersion)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(ipVersion);
        var a = flow.Data(1448);
        var b = flow.Data(1448);
        var c = flow.Data(1448);

        var got = rig.SendAndFlush(a, b, c);

        Assert.That(got, Has.Count.EqualTo(1));
        var unit = got[0];
        var p = unit.Packet;
        var first = PacketParser.Parse(a.Frame);
        int ipHeader = ipVersion == 4 ? 20 : 40;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(p.Shape, Is.EqualTo(PacketShape.Tcp));
            Assert.That(unit.Frame, Has.Length.EqualTo(14 + ipHeader + 20 + (3 * 1448)), "no padding, exact length");
            Assert.That(p.IpDatagramLength, Is.EqualTo(ipHeader + 20 + (3 * 1448)));
            Assert.That(p.Seq, Is.EqualTo(first.Seq));
            Assert.That(p.Payload.ToArray(), Is.EqualTo(Frames.Concat(a, b, c)));
            Assert.That(p.Flags, Is.EqualTo(TcpFlags.Ack));
            Assert.That(p.IpChecksumValid, Is.True);
            Assert.That(p.TcpChecksumValid, Is.True);
            Assert.That(unit.Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo));
            Assert.That(unit.Header.GsoType, Is.EqualTo(ipVersion == 4 ? VirtioGsoType.TcpV4 : VirtioGsoType.TcpV6));
            Assert.That(unit.Header.HeaderLength, Is.EqualTo(14 + ipHeader + 20));
            Assert.That(unit.Header.GsoSize, Is.EqualTo(1448));
            Assert.That(unit.Header.RscSegments, Is.EqualTo(3));
            Assert.That(unit.Header.RscDupAcks, Is.Zero);
            Assert.That(unit.Header.NumBuffers, Is.EqualTo(1));
            Assert.That(rig.Stats.CoalescedPackets, Is.EqualTo(3));
            Assert.That(rig.Stats.CoalescedOctets, Is.EqualTo(3 * 1448));
            Assert.That(rig.Stats.CoalesceEvents, Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.Zero);
        }
    }

    [TestCase(4)]
    [TestCase(6)]
    public void HeaderTakesFirstIpIdAndSeqLastAckAndWindowAndTheMinimumTtl(int ipVersion)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(ipVersion);
        flow.FlowLabel = ipVersion == 6 ? 0x12345u : 0;
        var a = flow.Data(1000, s => s with { Ttl = 64, IpId = 7 });
        var b = flow.Data(1000, s => s with { Ttl = 57, Ack = s.Ack + 500, Window = 1000 });
        var c = flow.Data(1000, s => s with { Ttl = 61, Ack = s.Ack + 300, Window = 2000 });

        var got = rig.SendAndFlush(a, b, c);

        Assert.That(got, Has.Count.EqualTo(1));
        var p = got[0].Packet;
        var pa = PacketParser.Parse(a.Frame);
        var pc = PacketParser.Parse(c.Frame);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(p.Seq, Is.EqualTo(pa.Seq));
            Assert.That(p.IpId, Is.EqualTo(ipVersion == 4 ? 7 : 0));
            Assert.That(p.Ack, Is.EqualTo(pc.Ack));
            Assert.That(p.Window, Is.EqualTo(2000));
            Assert.That(p.TtlOrHopLimit, Is.EqualTo(57));
            Assert.That(p.FlowLabel, Is.EqualTo(ipVersion == 6 ? 0x12345u : 0u));
            Assert.That(p.DontFragment, Is.EqualTo(ipVersion == 4));
            Assert.That(p.IpChecksumValid && p.TcpChecksumValid, Is.True);
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(3));
        }
    }

    [Test]
    public void PshIsOredAcrossTheUnit()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(100);
        var b = flow.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh });
        var c = flow.Data(100);

        var got = rig.SendAndFlush(a, b, c);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Packet.Flags, Is.EqualTo(TcpFlags.Ack | TcpFlags.Psh));
        Assert.That(got[0].Header.RscSegments, Is.EqualTo(3));
    }

    [Test]
    public void EceAndCwrSharedByAllSegmentsStayInTheUnit()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Ece });
        var b = flow.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Ece | TcpFlags.Psh });

        var got = rig.SendAndFlush(a, b);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Packet.Flags, Is.EqualTo(TcpFlags.Ack | TcpFlags.Ece | TcpFlags.Psh));
    }

    [Test]
    public void GsoSizeIsTheLargestPayload()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();

        var got = rig.SendAndFlush(flow.Data(1000), flow.Data(1448), flow.Data(500));

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Header.GsoSize, Is.EqualTo(1448));
        Assert.That(got[0].Header.RscSegments, Is.EqualTo(3));
    }

    [TestCase(4)]
    [TestCase(6)]
    public void OddPayloadLengthsKeepTheRecomputedChecksumValid(int ipVersion)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(ipVersion);
        var frames = new[] { flow.Data(7), flow.Data(13), flow.Data(1), flow.Data(1447), flow.Data(2), flow.Data(3) };

        var got = rig.SendAndFlush(frames);

        Assert.That(got, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Packet.TcpChecksumValid, Is.True);
            Assert.That(got[0].Packet.IpChecksumValid, Is.True);
            Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(frames)));
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(6));
        }
    }

    [TestCase(4)]
    [TestCase(6)]
    public void ASingleSegmentIsDeliveredUnchangedAndUnmarked(int ipVersion)
    {
        using var rig = new EngineRig();
        var a = rig.Flow(ipVersion).Data(1448);

        var got = rig.SendAndFlush(a);

        Assert.That(got, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Frame, Is.EqualTo(a.Frame));
            Assert.That(got[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.DataValid));
            Assert.That(got[0].Header.GsoType, Is.EqualTo(VirtioGsoType.None));
            Assert.That(got[0].Header.GsoSize, Is.Zero);
            Assert.That(got[0].Header.CsumStart, Is.Zero);
            Assert.That(got[0].Header.CsumOffset, Is.Zero);
            Assert.That(rig.Stats.CoalesceEvents, Is.Zero);
            Assert.That(rig.Stats.CoalescedPackets, Is.Zero);
        }
    }

    [Test]
    public void EthernetPaddingIsKeptOnASingleSegmentAndDroppedFromACoalescedUnit()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = Frames.Padded(flow.Data(4).Frame, 2);
        var b = Frames.Padded(flow.Data(4).Frame, 2);
        var lone = Frames.Padded(rig.Flow(4, 1).Data(4).Frame, 2);

        rig.Send(a);
        rig.Send(b);
        rig.Send(lone);
        rig.Engine.Flush();

        var got = rig.Guest.Deliveries;
        Assert.That(got, Has.Count.EqualTo(2));
        var unit = got.Single(d => d.IsCoalesced);
        var single = got.Single(d => !d.IsCoalesced);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(unit.Frame, Has.Length.EqualTo(14 + 20 + 20 + 8));
            Assert.That(unit.Packet.Payload.ToArray(), Is.EqualTo(Frames.PayloadOf(a).Concat(Frames.PayloadOf(b)).ToArray()));
            Assert.That(unit.Packet.TcpChecksumValid, Is.True);
            Assert.That(single.Frame, Is.EqualTo(lone), "byte-identical, padding included");
        }
    }

    [Test]
    public void DataMayAdvanceTheAckNumber()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(500);
        flow.Ack += 1000;
        var b = flow.Data(500);

        var got = rig.SendAndFlush(a, b);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
        Assert.That(got[0].Packet.Ack, Is.EqualTo(flow.Ack));
    }

    [Test]
    public void DataAcknowledgingLessThanTheUnitStartsANewUnit()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(500);
        var b = flow.Data(500);
        var c = flow.Data(500, s => s with { Ack = s.Ack - 10 });

        var got = rig.SendAndFlush(a, b, c);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[1].Frame, Is.EqualTo(c.Frame));
            Assert.That(rig.Stats[RscCounter.FinalAckBackwards], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    [Test]
    public void FlowsCoalesceIndependently()
    {
        using var rig = new EngineRig();
        var f0 = rig.Flow(4, 0);
        var f1 = rig.Flow(6, 1);
        var f2 = rig.Flow(4, 2);
        var frames = new[] { f0.Data(100), f1.Data(200), f2.Data(300), f0.Data(100), f1.Data(200), f2.Data(300), f0.Data(100) };

        rig.Send(frames);
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(3));
        rig.Engine.Flush();

        var got = rig.Guest.Deliveries;
        Assert.That(got, Has.Count.EqualTo(3));
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
        var segments = got.ToDictionary(d => d.Packet.SourcePort, d => d.Header.RscSegments);
        Assert.That(segments[f0.Spec.SourcePort], Is.EqualTo(3));
        Assert.That(segments[f1.Spec.SourcePort], Is.EqualTo(2));
        Assert.That(segments[f2.Spec.SourcePort], Is.EqualTo(2));
        Assert.That(rig.Stats.CoalesceEvents, Is.EqualTo(3));
        Assert.That(rig.Stats.CoalescedPackets, Is.EqualTo(7));
    }

    [Test]
    public void FlushDeliversEverythingAndLeavesNothingCached()
    {
        using var rig = new EngineRig();
        rig.Send(rig.Flow(4, 0).Data(10), rig.Flow(6, 1).Data(10));

        Assert.That(rig.Guest.Count, Is.Zero);
        rig.Engine.Flush();

        Assert.That(rig.Guest.Count, Is.EqualTo(2));
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
        Assert.That(rig.Stats[RscCounter.FinalFlush], Is.EqualTo(2));
    }

    [Test]
    public void DisposeDeliversWhatIsStillCached()
    {
        var rig = new EngineRig();
        rig.Send(rig.Flow().Data(10));

        rig.Dispose();

        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        Assert.Throws<ObjectDisposedException>(() => rig.Engine.Receive(new byte[60]));
    }
}
