using Rsc.Device.Tests.Support;

namespace Rsc.Device.Tests;

/// <summary>A unit never grows past the maximum IP datagram; the segment that would overflow starts the next unit.</summary>
[TestFixture]
public sealed class SizeLimitTests
{
    [TestCase(4, 45)]
    [TestCase(6, 45)]
    public void AUnitStopsBelow65535Bytes(int ipVersion, int fitting)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(ipVersion);
        var frames = Enumerable.Range(0, fitting + 3).Select(_ => flow.Data(1448)).ToArray();

        var got = rig.SendAndFlush(frames);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(fitting));
            Assert.That(got[0].Packet.IpDatagramLength, Is.LessThanOrEqualTo(65535));
            Assert.That(got[0].Packet.IpDatagramLength + 1448, Is.GreaterThan(65535), "nothing more would have fit");
            Assert.That(got[0].Packet.TcpChecksumValid, Is.True);
            Assert.That(got[1].Header.RscSegments, Is.EqualTo(3));
            Assert.That(got[1].Packet.Seq, Is.EqualTo(frames[fitting].Segment!.Seq));
            Assert.That(rig.Stats[RscCounter.FinalSize], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.Zero, "the size limit is not an abort");
        }
    }

    [Test]
    public void AUnitThatReachesExactly65535BytesIsAllowed()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        // 20 IP + 20 TCP + 65495 payload = 65535.
        var frames = new[] { flow.Data(1448), flow.Data(65495 - 1448) };

        var got = rig.SendAndFlush(frames);

        Assert.That(got, Has.Count.EqualTo(1));
        Assert.That(got[0].Packet.IpDatagramLength, Is.EqualTo(65535));
        Assert.That(got[0].Packet.TcpChecksumValid && got[0].Packet.IpChecksumValid, Is.True);
    }

    [Test]
    public void AnIpv6UnitMayReachAPayloadLengthOfExactly65535()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(6);
        // IPv6 limits its payload length field: 20 TCP + 65515 payload = 65535; the 40-byte fixed header lies outside it.
        var fits = new[] { flow.Data(1448), flow.Data(65515 - 1448) };
        var oneOver = rig.Flow(6, index: 1);
        var overflows = new[] { oneOver.Data(1448), oneOver.Data(65516 - 1448) };

        var got = rig.SendAndFlush([.. fits, .. overflows]);

        Assert.That(got, Has.Count.EqualTo(3));
        var merged = got.Where(d => d.Header.RscSegments is not null).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(merged, Has.Count.EqualTo(1), "one byte over: the other flow's second segment starts a unit of its own");
            Assert.That(merged[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(merged[0].Packet.IpDatagramLength - 40, Is.EqualTo(65535));
            Assert.That(merged[0].Packet.TcpChecksumValid, Is.True);
        }
    }

    [Test]
    public void TheLimitIsConfigurable()
    {
        using var rig = new EngineRig(new RscEngineOptions { MaxIpDatagram = 3000 });
        var flow = rig.Flow();

        var got = rig.SendAndFlush(flow.Data(1448), flow.Data(1448), flow.Data(1448), flow.Data(1448), flow.Data(1448));

        Assert.That(got.Select(d => d.Packet.PayloadLength), Is.EqualTo(new[] { 2896, 2896, 1448 }));
        Assert.That(got.All(d => d.Packet.IpDatagramLength <= 3000), Is.True);
        Assert.That(rig.Stats[RscCounter.FinalSize], Is.EqualTo(2));
    }

    [Test]
    public void InvalidOptionsAreRejected()
    {
        var time = TimeProvider.System;
        var sink = new GuestRecorder(time);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RscEngine(new RscEngineOptions { MaxIpDatagram = 70000 }, time, sink));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RscEngine(new RscEngineOptions { MaxCachedFlows = -1 }, time, sink));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RscEngine(new RscEngineOptions { DrainInterval = TimeSpan.Zero }, time, sink));
        Assert.Throws<ArgumentNullException>(() => _ = new RscEngine(null!, time, sink));
    }
}
