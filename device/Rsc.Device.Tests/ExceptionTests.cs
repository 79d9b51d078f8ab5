using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>Exceptions (E): the flow's cached data goes first, then the frame unchanged; order is kept.</summary>
[TestFixture]
public sealed class ExceptionTests
{
    [TestCase(TcpFlags.Fin, 0)]
    [TestCase(TcpFlags.Fin, 100)]
    [TestCase(TcpFlags.Syn, 0)]
    [TestCase(TcpFlags.Rst, 0)]
    [TestCase(TcpFlags.Urg, 100)]
    public void ControlFlagDeliversTheCachedUnitFirstThenTheFrameUnchanged(TcpFlags flag, int payload)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1448);
        var b = flow.Data(1448);
        var control = flow.Send(flow.Next(payload, TcpFlags.Ack | flag) with { UrgentPointer = flag == TcpFlags.Urg ? (ushort)1 : (ushort)0 });

        rig.Send(a, b, control);

        var got = rig.Guest.Deliveries;
        Assert.That(got, Has.Count.EqualTo(2), "delivered at once, without waiting for the timer");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(a, b)));
            Assert.That(got[1].Frame, Is.EqualTo(control.Frame));
            Assert.That(got[1].Header, Is.EqualTo(new VirtioNetHeader(VirtioNetHeaderFlags.None, VirtioGsoType.None, 0, 0, 0, 0, 1)));
            Assert.That(rig.Engine.CachedUnits, Is.Zero);
            Assert.That(rig.Stats[RscCounter.FinalTcpFlags], Is.EqualTo(1));
            Assert.That(rig.Stats[RscCounter.FinalFlowException], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
            Assert.That(rig.Stats.CoalesceEvents, Is.EqualTo(1));
        }
    }

    [Test]
    public void AControlFlagWithNothingCachedIsDeliveredAloneAndStillAnAbort()
    {
        using var rig = new EngineRig();
        var syn = rig.Flow().Send(rig.Flow().Next(0, TcpFlags.Syn));

        rig.Send(syn);

        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { syn.Frame }));
        Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
    }

    [TestCase(3, 0, 0)]
    [TestCase(0, 2, 0)]
    [TestCase(0, 0, 0x40)]
    [TestCase(0, 0, 0x80)]
    public void AnEcnChangeEndsTheUnitAndStartsANewOneWithTheSegment(int ecnFrom, int ecnTo, int eceCwr)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        flow.Ecn = (byte)ecnFrom;
        var a = flow.Data(500);
        var b = flow.Data(500);
        flow.Ecn = (byte)ecnTo;
        var flags = TcpFlags.Ack | (TcpFlags)eceCwr;
        var c = flow.Data(500, s => s with { Flags = flags });
        var d = flow.Data(500, s => s with { Flags = flags });

        var got = rig.SendAndFlush(a, b, c, d);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(a, b)));
            Assert.That(got[0].Packet.Ecn, Is.EqualTo(ecnFrom));
            Assert.That(got[1].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(c, d)));
            Assert.That(got[1].Packet.Ecn, Is.EqualTo(ecnTo));
            Assert.That(got[1].Packet.Flags, Is.EqualTo(flags));
            Assert.That(got[1].Header.RscSegments, Is.EqualTo(2));
            Assert.That(rig.Stats[RscCounter.FinalEcnChange], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    public static IEnumerable<TestCaseData> HeaderChanges()
    {
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { Dscp = 10 })).SetName("DSCP change");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { DontFragment = false })).SetName("DF change");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { FlowLabel = 77 })).SetName("flow label change");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { Dscp = 46 })).SetName("IPv6 traffic class change");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { Options = TcpOption.AlignedTimestamp(5, 6) })).SetName("timestamp option appears");
    }

    [TestCaseSource(nameof(HeaderChanges))]
    public void AHeaderFieldChangeEndsTheUnitAndStartsANewOne(int ipVersion, Func<SegmentSpec, SegmentSpec> change)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(ipVersion);
        var a = flow.Data(500);
        var b = flow.Data(500);
        var c = flow.Data(500, change);
        var d = flow.Data(500, change);

        var got = rig.SendAndFlush(a, b, c, d);

        Assert.That(got, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(a, b)));
            Assert.That(got[1].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(c, d)));
            Assert.That(got[1].Packet.TcpChecksumValid, Is.True);
            Assert.That(rig.Stats[RscCounter.FinalHeaderChange], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    public static IEnumerable<TestCaseData> NeverCoalescible()
    {
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { Ipv4Options = [1, 1, 1, 0] }), RscCounter.BypassIpv4Options).SetName("IPv4 options");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { ChecksumDamage = ChecksumDamage.Ip }), RscCounter.BypassBadChecksum).SetName("bad IPv4 checksum");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { ChecksumDamage = ChecksumDamage.Tcp }), RscCounter.BypassBadChecksum).SetName("bad TCP checksum v4");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { ChecksumDamage = ChecksumDamage.Tcp }), RscCounter.BypassBadChecksum).SetName("bad TCP checksum v6");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { Options = [new SackOption([(1u, 2u)]), TcpOption.Nop, TcpOption.Nop] }), RscCounter.BypassTcpOptions).SetName("SACK option");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { Options = [new MssOption(1460)] }), RscCounter.BypassTcpOptions).SetName("MSS option");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { Options = [new WindowScaleOption(7), TcpOption.Nop] }), RscCounter.BypassTcpOptions).SetName("window scale option");
        yield return new TestCaseData(4, (Func<SegmentSpec, SegmentSpec>)(s => s with { MoreFragments = true }), RscCounter.BypassIpFragment).SetName("IPv4 first fragment");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.HopByHop)] }), RscCounter.BypassIpv6ExtensionHeaders).SetName("IPv6 hop-by-hop");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.Routing)] }), RscCounter.BypassIpv6ExtensionHeaders).SetName("IPv6 routing");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.DestinationOptions), new Ipv6ExtensionHeader(Ipv6ExtensionKind.HopByHop)] }), RscCounter.BypassIpv6ExtensionHeaders).SetName("IPv6 two extension headers");
        yield return new TestCaseData(6, (Func<SegmentSpec, SegmentSpec>)(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.Fragment)] }), RscCounter.BypassIpFragment).SetName("IPv6 atomic fragment");
    }

    [TestCaseSource(nameof(NeverCoalescible))]
    public void ANeverCoalescibleSegmentFollowsItsFlowsUnitUnchanged(int ipVersion, Func<SegmentSpec, SegmentSpec> change, RscCounter reason)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(ipVersion);
        var a = flow.Data(700);
        var b = flow.Data(700);
        var odd = flow.Data(700, change);
        var after = flow.Data(700);

        var got = rig.SendAndFlush(a, b, odd, after);

        Assert.That(got, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(a, b)));
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[1].Frame, Is.EqualTo(odd.Frame));
            Assert.That(got[1].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.None), "never DATA_VALID, never RSC_INFO");
            Assert.That(got[1].Header.GsoType, Is.EqualTo(VirtioGsoType.None));
            Assert.That(got[2].Frame, Is.EqualTo(after.Frame), "the next segment opens a fresh unit");
            Assert.That(rig.Stats[reason], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    [Test]
    public void AnIpv4LaterFragmentNamesNoFlowAndLeavesTheUnitCached()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(700);
        var fragment = rig.Flow().Data(700, s => s with { FragmentOffset = 100 });

        rig.Send(a, fragment);

        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { fragment.Frame }));
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1));
        Assert.That(rig.Stats[RscCounter.BypassIpFragment], Is.EqualTo(1));
        Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
    }

    [Test]
    public void AnExceptionOnAnotherFlowLeavesThisFlowCached()
    {
        using var rig = new EngineRig();
        var f0 = rig.Flow(4, 0);
        var f1 = rig.Flow(4, 1);
        rig.Send(f0.Data(100), f0.Data(100));

        rig.Send(f1.Send(f1.Next(0, TcpFlags.Ack | TcpFlags.Fin)));

        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1));
    }

    [Test]
    public void AnEceOnlyAckIsNotAPureAckAndIsDeliveredAlone()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(100);
        var b = flow.Data(100);
        var ece = flow.PureAck(s => s with { Flags = TcpFlags.Ack | TcpFlags.Ece });

        rig.Send(a, b, ece);

        Assert.That(rig.Guest.Count, Is.EqualTo(2));
        Assert.That(rig.Guest[0].Header.RscSegments, Is.EqualTo(2));
        Assert.That(rig.Guest[1].Frame, Is.EqualTo(ece.Frame));
    }

    [TestCase(0x0800, 17)]
    [TestCase(0x0800, 1)]
    [TestCase(0x86DD, 17)]
    public void NonTcpIsBypassedWithoutTouchingTheFlow(int etherType, int protocol)
    {
        using var rig = new EngineRig();
        var flow = rig.Flow(etherType == 0x0800 ? 4 : 6);
        rig.Send(flow.Data(100));
        var frame = rig.Flow(etherType == 0x0800 ? 4 : 6).Next(100).Let(FrameBuilder.Build);
        frame[etherType == 0x0800 ? 14 + 9 : 14 + 6] = (byte)protocol;

        rig.Send(frame);

        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { frame }));
        Assert.That(rig.Guest[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.None));
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1));
        Assert.That(rig.Stats[RscCounter.BypassNotTcp], Is.EqualTo(1));
        Assert.That(rig.Stats.Aborts, Is.Zero);
    }

    [Test]
    public void VlanTaggedFramesAreNotIp()
    {
        using var rig = new EngineRig();
        var frame = rig.Flow().Next(100).Let(FrameBuilder.Build);
        frame[12] = 0x81;
        frame[13] = 0x00;

        rig.Send(frame);

        Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { frame }));
        Assert.That(rig.Stats[RscCounter.BypassNotIp], Is.EqualTo(1));
    }
}

internal static class FunctionalExtensions
{
    public static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
