using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>Each named fault changes the behaviour where the real defect would, and only when asked for.</summary>
[TestFixture]
public sealed class FaultTests
{
    private readonly List<EngineRig> _rigs = [];

    [TearDown]
    public void DisposeRigs()
    {
        foreach (var rig in _rigs)
        {
            rig.Dispose();
        }
        _rigs.Clear();
    }

    /// <summary>Runs the same traffic on a correct engine and on one with <paramref name="fault"/>.</summary>
    private (EngineRig Correct, EngineRig Faulty) Both(RscFault fault, Action<EngineRig> traffic, RscEngineOptions? options = null)
    {
        options ??= new RscEngineOptions();
        var correct = new EngineRig(options);
        var faulty = new EngineRig(options with { Faults = fault });
        _rigs.Add(correct);
        _rigs.Add(faulty);
        traffic(correct);
        traffic(faulty);
        return (correct, faulty);
    }

    private static void SendAndFlush(EngineRig rig, params Func<FlowCursor, ScheduledFrame>[] steps)
    {
        var flow = rig.Flow();
        foreach (var step in steps)
        {
            rig.Send(step(flow));
        }
        rig.Engine.Flush();
    }

    [Test]
    public void NoFaultIsOnByDefault() => Assert.That(new RscEngineOptions().Faults, Is.EqualTo(RscFault.None));

    [Test]
    public void EveryFaultHasAKebabCaseNameThatParsesBack()
    {
        Assert.That(RscFaults.Names, Has.Count.EqualTo(25));
        Assert.That(RscFaults.Names, Is.Unique);
        Assert.That(RscFaults.Names, Is.All.Match("^[a-z0-9]+(-[a-z0-9]+)*$"));
        foreach (var name in RscFaults.Names)
        {
            var fault = RscFaults.Parse(name);
            Assert.That(fault, Is.Not.EqualTo(RscFault.None));
            Assert.That(RscFaults.Name(fault), Is.EqualTo(name));
        }
        var all = RscFaults.Names.Select(RscFaults.Parse).Aggregate(RscFault.None, (a, b) => a | b);
        Assert.That(System.Numerics.BitOperations.PopCount((uint)all), Is.EqualTo(25), "one bit each");
        Assert.That(RscFaults.Parse("PSH-From-Last"), Is.EqualTo(RscFault.PshFromLast));
        Assert.That(RscFaults.Parse("none"), Is.EqualTo(RscFault.None));
        Assert.Throws<ArgumentException>(() => RscFaults.Parse("no-such-fault"));
    }

    [Test]
    public void PshFromLast()
    {
        var (ok, bad) = Both(RscFault.PshFromLast, rig => SendAndFlush(rig,
            f => f.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh }),
            f => f.Data(100)));

        Assert.That(ok.Guest[0].Packet.Flags, Is.EqualTo(TcpFlags.Ack | TcpFlags.Psh));
        Assert.That(bad.Guest[0].Packet.Flags, Is.EqualTo(TcpFlags.Ack));
    }

    [Test]
    public void DupAcksNotCounted()
    {
        var (ok, bad) = Both(RscFault.DupAcksNotCounted, rig => SendAndFlush(rig, f => f.PureAck(), f => f.PureAck(), f => f.PureAck()));

        Assert.That(ok.Guest[0].Header.RscDupAcks, Is.EqualTo(2));
        Assert.That(bad.Guest[0].Header.RscDupAcks, Is.Zero);
        Assert.That(bad.Guest, Has.Count.EqualTo(1), "still absorbed");
    }

    [Test]
    public void PureAcksAsSegments()
    {
        var (ok, bad) = Both(RscFault.PureAcksAsSegments, rig => SendAndFlush(rig,
            f => f.Data(100),
            f => f.Data(100),
            f =>
            {
                f.Ack += 1000;
                return f.PureAck();
            }));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(3));
        Assert.That(bad.Stats.CoalescedPackets, Is.EqualTo(3));
    }

    [Test]
    public void ChecksumsNotRecomputed()
    {
        var (ok, bad) = Both(RscFault.ChecksumsNotRecomputed, rig => SendAndFlush(rig, f => f.Data(100), f => f.Data(100)));

        Assert.That(ok.Guest[0].Packet.TcpChecksumValid && ok.Guest[0].Packet.IpChecksumValid, Is.True);
        Assert.That(ok.Guest[0].Header.NeedsChecksum, Is.True);
        Assert.That(bad.Guest[0].Packet.TcpChecksumValid, Is.False);
        Assert.That(bad.Guest[0].Packet.IpChecksumValid, Is.False);
        Assert.That(bad.Guest[0].Header.NeedsChecksum, Is.False);
        Assert.That(bad.Guest[0].Header.HasRscInfo, Is.True);
    }

    [Test]
    public void IpIdFromLast()
    {
        var (ok, bad) = Both(RscFault.IpIdFromLast, rig => SendAndFlush(rig, f => f.Data(100), f => f.Data(100), f => f.Data(100)));

        Assert.That(bad.Guest[0].Packet.IpId, Is.EqualTo(ok.Guest[0].Packet.IpId + 2));
    }

    [Test]
    public void TtlFromLast()
    {
        var (ok, bad) = Both(RscFault.TtlFromLast, rig => SendAndFlush(rig,
            f => f.Data(100, s => s with { Ttl = 64 }),
            f => f.Data(100, s => s with { Ttl = 50 }),
            f => f.Data(100, s => s with { Ttl = 60 })));

        Assert.That(ok.Guest[0].Packet.TtlOrHopLimit, Is.EqualTo(50));
        Assert.That(bad.Guest[0].Packet.TtlOrHopLimit, Is.EqualTo(60));
    }

    [Test]
    public void CountFromSize()
    {
        var (ok, bad) = Both(RscFault.CountFromSize, rig => SendAndFlush(rig, f => f.Data(1000), f => f.Data(1448), f => f.Data(1448)));

        Assert.That(ok.Guest[0].Header.RscSegments, Is.EqualTo(3));
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(4));
    }

    [Test]
    public void FinBeforeData()
    {
        var (ok, bad) = Both(RscFault.FinBeforeData, rig => SendAndFlush(rig,
            f => f.Data(100),
            f => f.Data(100),
            f => f.Send(f.Next(0, TcpFlags.Ack | TcpFlags.Fin))));

        Assert.That(ok.Guest.Deliveries.Select(d => d.Packet.Flags.HasFlag(TcpFlags.Fin)), Is.EqualTo(new[] { false, true }));
        Assert.That(bad.Guest.Deliveries.Select(d => d.Packet.Flags.HasFlag(TcpFlags.Fin)), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public void TimerNeverFires()
    {
        var (ok, bad) = Both(RscFault.TimerNeverFires, rig =>
        {
            rig.Send(rig.Flow().Data(100));
            rig.Time.Advance(TimeSpan.FromMilliseconds(10));
        });

        Assert.That(ok.Guest.Count, Is.EqualTo(1));
        Assert.That(bad.Guest.Count, Is.Zero);
        Assert.That(bad.Engine.CachedUnits, Is.EqualTo(1));
    }

    [Test]
    public void MergeAcrossEcnChange()
    {
        var (ok, bad) = Both(RscFault.MergeAcrossEcnChange, rig => SendAndFlush(rig,
            f => f.Data(100),
            f =>
            {
                f.Ecn = 3;
                return f.Data(100);
            }));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(2));
    }

    [Test]
    public void MergeIpv4Options()
    {
        var (ok, bad) = Both(RscFault.MergeIpv4Options, rig => SendAndFlush(rig,
            f => f.Data(100, s => s with { Ipv4Options = [1, 1, 1, 0] }),
            f => f.Data(100, s => s with { Ipv4Options = [1, 1, 1, 0] })));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Packet.HasIpv4Options, Is.True);
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(2));
    }

    [Test]
    public void MergeFragments()
    {
        var (ok, bad) = Both(RscFault.MergeFragments, rig => SendAndFlush(rig,
            f => f.Data(100, s => s with { MoreFragments = true }),
            f => f.Data(100, s => s with { MoreFragments = true })));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Packet.MoreFragments, Is.True);
    }

    [Test]
    public void MergeAcrossGap()
    {
        var (ok, bad) = Both(RscFault.MergeAcrossGap, rig => SendAndFlush(rig,
            f => f.Data(100),
            f => f.Skip(50).Data(100)));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(2));
    }

    [Test]
    public void GrowPast64K()
    {
        var (ok, bad) = Both(RscFault.GrowPast64K, rig => SendAndFlush(rig, Enumerable.Repeat<Func<FlowCursor, ScheduledFrame>>(f => f.Data(1448), 50).ToArray()));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(ok.Guest.Deliveries.Max(d => d.Frame.Length), Is.LessThanOrEqualTo(14 + 65535));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Frame, Has.Length.GreaterThan(14 + 65535));
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(50));
    }

    [Test]
    public void RscInfoOnSingle()
    {
        var (ok, bad) = Both(RscFault.RscInfoOnSingle, rig => SendAndFlush(rig, f => f.Data(100)));

        Assert.That(ok.Guest[0].Header.HasRscInfo, Is.False);
        Assert.That(bad.Guest[0].Header.HasRscInfo, Is.True);
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(1));
        Assert.That(bad.Guest[0].Frame, Is.EqualTo(ok.Guest[0].Frame));
    }

    [Test]
    public void GsoSizeZero()
    {
        var (ok, bad) = Both(RscFault.GsoSizeZero, rig => SendAndFlush(rig, f => f.Data(1448), f => f.Data(1448)));

        Assert.That(ok.Guest[0].Header.GsoSize, Is.EqualTo(1448));
        Assert.That(bad.Guest[0].Header.GsoSize, Is.Zero);
        Assert.That(bad.Guest[0].Header.GsoType, Is.EqualTo(VirtioGsoType.TcpV4));
    }
    [Test]
    public void MergeBadChecksum()
    {
        var (ok, bad) = Both(RscFault.MergeBadChecksum, rig => SendAndFlush(rig,
            f => f.Data(100),
            f => f.Data(100, s => s with { ChecksumDamage = ChecksumDamage.Tcp }),
            f => f.Data(100, s => s with { ChecksumDamage = ChecksumDamage.Ip })));

        Assert.That(ok.Guest, Has.Count.EqualTo(3));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(3));
        Assert.That(bad.Guest[0].Packet.TcpChecksumValid, Is.True, "the merge hides the damage behind a fresh checksum");
    }

    [Test]
    public void PadIntoPayload()
    {
        var (ok, bad) = Both(RscFault.PadIntoPayload, rig =>
        {
            var flow = rig.Flow();
            rig.Send(flow.Data(100));
            rig.Send(Frames.Padded(flow.Data(1).Frame, 5));
            rig.Engine.Flush();
        });

        var expected = ok.Guest[0].Packet.Payload.ToArray();
        Assert.That(expected, Has.Length.EqualTo(101));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Packet.Payload.ToArray(), Is.EqualTo(expected.Concat(new byte[5]).ToArray()));
    }

    [Test]
    public void FlaggedOvertakesHeld()
    {
        var (ok, bad) = Both(RscFault.FlaggedOvertakesHeld, rig =>
        {
            var flow = rig.Flow();
            var first = flow.Data(100);
            rig.Send(first);
            rig.Send(flow.Data(100));
            rig.Send(flow.Retransmit(first.Segment!.Seq, 100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh }));
            rig.Engine.Flush();
        });

        Assert.That(ok.Guest.Deliveries.Select(d => d.IsCoalesced), Is.EqualTo(new[] { true, false }));
        Assert.That(bad.Guest.Deliveries.Select(d => d.IsCoalesced), Is.EqualTo(new[] { false, true }));
        Assert.That(bad.Guest[0].Packet.Flags.HasFlag(TcpFlags.Psh), Is.True);
    }

    [Test]
    public void ThirdSegmentMisplaced()
    {
        ScheduledFrame[] sent = [];
        var (ok, bad) = Both(RscFault.ThirdSegmentMisplaced, rig =>
        {
            var flow = rig.Flow();
            sent = [flow.Data(100), flow.Data(101), flow.Data(102), flow.Data(103)];
            rig.SendAndFlush(sent);
        });

        Assert.That(ok.Guest[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(sent)));
        Assert.That(bad.Guest[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(sent[0], sent[2], sent[1], sent[3])));
        Assert.That(bad.Guest[0].Packet.TcpChecksumValid, Is.True);
        Assert.That(bad.Guest[0].Header.RscSegments, Is.EqualTo(4));
    }

    [Test]
    public void FlagsIntoPayload()
    {
        var (ok, bad) = Both(RscFault.FlagsIntoPayload, rig => SendAndFlush(rig,
            f => f.Data(100),
            f => f.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh })));

        Assert.That(ok.Guest[0].Packet.Flags.HasFlag(TcpFlags.Psh), Is.True);
        Assert.That(bad.Guest[0].Packet.Flags.HasFlag(TcpFlags.Psh), Is.False);
        var expected = ok.Guest[0].Packet.Payload.ToArray();
        // Byte 13 of a TCP header that would start behind Ethernet and IPv4 headers, counted into the second payload.
        expected[100 + 14 + 20 + 13] |= 0x08;
        Assert.That(bad.Guest[0].Packet.Payload.ToArray(), Is.EqualTo(expected));
        Assert.That(bad.Guest[0].Packet.TcpChecksumValid, Is.True);
    }

    [Test]
    public void MergeAcrossDscpChange()
    {
        var (ok, bad) = Both(RscFault.MergeAcrossDscpChange, rig => SendAndFlush(rig,
            f => f.Data(100),
            f =>
            {
                f.Dscp = 10;
                return f.Data(100);
            }));

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(bad.Guest, Has.Count.EqualTo(1));
        Assert.That(bad.Guest[0].Packet.Dscp, Is.Zero);
    }

    [Test]
    public void TtlFromFirst()
    {
        var (ok, bad) = Both(RscFault.TtlFromFirst, rig => SendAndFlush(rig,
            f => f.Data(100, s => s with { Ttl = 64 }),
            f => f.Data(100, s => s with { Ttl = 50 }),
            f => f.Data(100, s => s with { Ttl = 60 })));

        Assert.That(ok.Guest[0].Packet.TtlOrHopLimit, Is.EqualTo(50));
        Assert.That(bad.Guest[0].Packet.TtlOrHopLimit, Is.EqualTo(64));
        Assert.That(bad.Guest[0].Packet.IpChecksumValid, Is.True);
    }

    [Test]
    public void WindowProbeDropsPayload()
    {
        var (ok, bad) = Both(RscFault.WindowProbeDropsPayload, rig =>
        {
            var flow = rig.Flow();
            flow.Window = 30000;
            var first = flow.Data(100);
            rig.Send(first);
            rig.Send(flow.Data(100));
            rig.Send(flow.Retransmit(first.Segment!.Seq, 100, s => s with { Window = 60000 }));
            rig.Engine.Flush();
        });

        Assert.That(ok.Guest, Has.Count.EqualTo(2));
        Assert.That(ok.Guest[1].Packet.PayloadLength, Is.EqualTo(100));
        Assert.That(bad.Guest, Has.Count.EqualTo(1), "the retransmission's payload is gone");
        Assert.That(bad.Guest[0].Packet.Window, Is.EqualTo(60000));
        Assert.That(bad.Guest[0].Packet.PayloadLength, Is.EqualTo(200));
    }

    [Test]
    public void PureAckOverwritesFlags()
    {
        var (ok, bad) = Both(RscFault.PureAckOverwritesFlags, rig => SendAndFlush(rig,
            f => f.Data(100),
            f => f.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh }),
            f => f.PureAck(s => s with { Window = 1000 })));

        Assert.That(ok.Guest, Has.Count.EqualTo(1));
        Assert.That(ok.Guest[0].Packet.Flags.HasFlag(TcpFlags.Psh), Is.True);
        Assert.That(bad.Guest[0].Packet.Flags.HasFlag(TcpFlags.Psh), Is.False);
        Assert.That(bad.Guest[0].Packet.Window, Is.EqualTo(1000));
    }
}
