using Rsc.Device.Tests.Support;

namespace Rsc.Device.Tests;

/// <summary>TCP timestamps: merged while non-decreasing modulo 2^32; the unit carries the latest.</summary>
[TestFixture]
public sealed class TimestampTests
{
    [Test]
    public void TheUnitCarriesTheLatestTimestamp()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps(1000);
        var a = flow.Data(1000);
        var b = flow.Data(1000);
        flow.TsEcr = 4242;
        var c = flow.Data(1000);

        var got = rig.SendAndFlush(a, b, c);

        Assert.That(got, Has.Count.EqualTo(1));
        var ts = got[0].Packet.TimestampOption;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(3));
            Assert.That(ts, Is.Not.Null);
            Assert.That(ts!.Value.TsVal, Is.EqualTo(1002u));
            Assert.That(ts.Value.TsEcr, Is.EqualTo(4242u));
            Assert.That(got[0].Packet.TcpHeaderLength, Is.EqualTo(32));
            Assert.That(got[0].Header.HeaderLength, Is.EqualTo(14 + 20 + 32));
            Assert.That(got[0].Packet.TcpChecksumValid, Is.True);
        }
    }

    [Test]
    public void EqualTimestampsMerge()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps(50);
        var a = flow.Data(100);
        flow.TsVal = 50;
        var b = flow.Data(100);

        var got = rig.SendAndFlush(a, b);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
    }

    [Test]
    public void TimestampsWrapModulo2To32()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps(0xFFFF_FFFE);
        var frames = new[] { flow.Data(100), flow.Data(100), flow.Data(100), flow.Data(100) };

        var got = rig.SendAndFlush(frames);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Header.RscSegments, Is.EqualTo(4));
        Assert.That(got[0].Packet.TimestampOption!.Value.TsVal, Is.EqualTo(1u));
    }

    [Test]
    public void AnOlderTimestampEndsTheUnitAndStartsANewOne()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps(1000);
        var a = flow.Data(100);
        var b = flow.Data(100);
        flow.TsVal = 900;
        var older = flow.Data(100);
        var next = flow.Data(100);

        var got = rig.SendAndFlush(a, b, older, next);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[0].Packet.TimestampOption!.Value.TsVal, Is.EqualTo(1001u));
            Assert.That(got[1].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[1].Packet.TimestampOption!.Value.TsVal, Is.EqualTo(901u));
            Assert.That(rig.Stats[RscCounter.FinalTimestamp], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    [Test]
    public void ASegmentWithoutTheTimestampOptionDoesNotJoinAUnitWithIt()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps(1000);
        var a = flow.Data(100);
        flow.TsVal = null;
        var b = flow.Data(100);

        var got = rig.SendAndFlush(a, b);

        Assert.That(got.Select(d => d.Frame), Is.EqualTo(new[] { a.Frame, b.Frame }));
        Assert.That(rig.Stats[RscCounter.FinalHeaderChange], Is.EqualTo(1));
    }

    [Test]
    public void WindowUpdatesAndDuplicatesCarryTheirTimestampIntoTheUnit()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow().WithTimestamps(10);
        var a = flow.Data(100);
        flow.Window = 100;
        var update = flow.PureAck();

        var got = rig.SendAndFlush(a, update);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Packet.TimestampOption!.Value.TsVal, Is.EqualTo(11u));
        Assert.That(got[0].Packet.TcpChecksumValid, Is.True);
    }
}
