using CsCheck;
using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>
/// Random traffic over several IPv4 and IPv6 flows (gaps, retransmissions, pure ACKs, flags,
/// options, ECN, timestamps, bad checksums, malformed frames, random time): the guest must get
/// every flow's bytes and exception frames exactly once, in order, within the drain interval,
/// and every delivery must check out.
/// </summary>
[TestFixture]
public sealed class StreamPropertyTests
{
    private const int Flows = 6;
    private static readonly TimeSpan Interval = TimeSpan.FromMicroseconds(300);

    /// <summary>
    /// FakeTimeProvider runs due timers with the clock already at the end of an Advance, so time
    /// moves in steps that divide every send time and the interval: deliveries are stamped exactly.
    /// </summary>
    private const int Step = 10;

    private readonly record struct Op(int Kind, int Flow, int Size, int DelayUs);

    private static readonly Gen<Op[]> Ops = Gen.Select(Gen.Int[0, 99], Gen.Int[0, Flows - 1], Gen.Int[1, 1448], Gen.Int[0, 400],
        (k, f, s, d) => new Op(k, f, s, (d < 320 ? d / 4 : d) / Step * Step)).Array[1, 200];

    private static readonly Gen<(int Variant, Op[] Ops)> Runs = Gen.Select(Gen.Int[0, 3], Ops);

    [Test]
    public void EveryFlowKeepsItsBytesAndOrderAndEveryDeliveryChecksOut()
    {
        Runs.Sample((variant, ops) => Run(variant, ops), iter: 300);
    }

    private static RscEngineOptions OptionsFor(int variant) => variant switch
    {
        1 => new RscEngineOptions { MaxIpDatagram = 3000 },
        2 => new RscEngineOptions { MaxCachedFlows = 2 },
        _ => new RscEngineOptions(),
    };

    private static void Run(int variant, Op[] ops)
    {
        using var rig = new EngineRig(OptionsFor(variant));
        var flows = new FlowCursor[Flows];
        var lastData = new (uint Seq, int Length)?[Flows];
        for (int i = 0; i < Flows; i++)
        {
            flows[i] = i % 2 == 1 ? rig.Traffic.FlowV6(i) : rig.Traffic.FlowV4(i);
            if (i % 3 == 0)
            {
                flows[i].WithTimestamps(0xFFFF_FF00u + (uint)i);
            }
        }
        var sent = new List<(byte[] Frame, DateTimeOffset At)>();
        foreach (var op in ops)
        {
            AdvanceInSteps(rig, op.DelayUs);
            if (op.Kind == 92)
            {
                rig.Engine.Flush();
                continue;
            }
            var frame = Build(op, flows[op.Flow], lastData);
            sent.Add((frame, rig.Time.GetUtcNow()));
            rig.Send(frame);
        }
        AdvanceInSteps(rig, (int)Interval.TotalMicroseconds);
        Assert.That(rig.Engine.CachedUnits, Is.Zero, "the timer drained everything");

        Check(rig, sent);
    }

    private static void AdvanceInSteps(EngineRig rig, int microseconds)
    {
        for (int t = 0; t < microseconds; t += Step)
        {
            rig.Time.Advance(TimeSpan.FromMicroseconds(Step));
        }
    }

    private static byte[] Build(Op op, FlowCursor f, (uint Seq, int Length)?[] lastData)
    {
        int size = op.Size > 1000 ? 1448 : op.Size;
        byte[] Data(Func<SegmentSpec, SegmentSpec>? change = null)
        {
            var seq = f.NextSeq;
            var frame = f.Data(size, change);
            lastData[op.Flow] = (seq, size);
            return frame.Frame;
        }
        switch (op.Kind)
        {
            case < 45:
                return Data();
            case < 50:
                f.Skip(op.Size);
                return Data();
            case < 54:
                return lastData[op.Flow] is { } last ? f.Retransmit(last.Seq, last.Length).Frame : Data();
            case < 62:
                return f.PureAck().Frame;
            case < 66:
                f.Window = (ushort)(1000 + op.Size);
                return f.PureAck().Frame;
            case < 70:
                f.Ack += (uint)op.Size;
                return f.PureAck().Frame;
            case < 73:
                return Data(s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh });
            case < 76:
                f.Ack += (uint)op.Size;
                return Data();
            case 76:
                return f.Send(f.Next(op.Size % 2 == 0 ? 0 : size, TcpFlags.Ack | TcpFlags.Fin)).Frame;
            case 77:
                var control = (op.Size % 3) switch { 0 => TcpFlags.Syn, 1 => TcpFlags.Rst | TcpFlags.Ack, _ => TcpFlags.Urg | TcpFlags.Ack };
                return f.Send(f.Next(control == TcpFlags.Syn ? 0 : size, control)).Frame;
            case < 80:
                f.Ecn = (byte)(op.Size % 4);
                return Data();
            case 80:
                return Data(s => s with { Flags = TcpFlags.Ack | TcpFlags.Ece });
            case 81:
                if (f.TsVal is { } ts)
                {
                    f.TsVal = ts - 3;
                }
                return Data();
            case 82:
                return f.PureAck(s => s with { Options = [TcpOption.Nop, TcpOption.Nop, new SackOption([(s.Ack + 10, s.Ack + 20)])] }).Frame;
            case 83:
                return Data(s => s with { ChecksumDamage = ChecksumDamage.Tcp });
            case 84:
                return Data(s => s with { ChecksumDamage = f.Spec.IpVersion == 4 ? ChecksumDamage.Ip : ChecksumDamage.Tcp });
            case 85:
                return f.Spec.IpVersion == 4
                    ? Data(s => s with { Ipv4Options = [1, 1, 1, 0] })
                    : Data(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.DestinationOptions)] });
            case 86:
                return f.Spec.IpVersion == 4
                    ? Data(s => s with { MoreFragments = true })
                    : Data(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.Fragment)] });
            case 87:
                return FrameBuilder.Build(f.Next(size) with { FragmentOffset = (ushort)(1 + (op.Size % 100)), DontFragment = false });
            case 88:
                f.Ttl = (byte)(30 + (op.Size % 60));
                return Data();
            case 89:
                f.Dscp = (byte)(op.Size % 3 == 0 ? op.Size % 64 : 0);
                return Data();
            case 90:
                return f.Malformed(size, "truncated", b => b[..^(1 + (op.Size % 20))]).Frame;
            case 91:
                var udp = FrameBuilder.Build(f.Next(size));
                udp[f.Spec.IpVersion == 4 ? 23 : 20] = 17;
                return udp;
            case 93:
                return Data(s => s with { Options = [new RawOption([8, 40])] });
            case 94:
                f.Window = 0;
                return f.PureAck().Frame;
            case 95:
                f.FlowLabel = f.Spec.IpVersion == 6 ? (uint)op.Size : 0;
                return Data();
            default:
                size = 1448;
                return Data();
        }
    }

    private static void Check(EngineRig rig, List<(byte[] Frame, DateTimeOffset At)> sent)
    {
        var expected = new Dictionary<FlowKey, List<StreamEvent>>();
        var actual = new Dictionary<FlowKey, List<StreamEvent>>();
        var noFlowSent = new List<string>();
        var noFlowDelivered = new List<string>();
        var sentFrames = new Dictionary<string, int>();
        int plainDataSent = 0;
        int plainAcksSent = 0;
        foreach (var (frame, at) in sent)
        {
            var p = PacketParser.Parse(frame);
            var key = Convert.ToHexString(frame);
            sentFrames[key] = sentFrames.GetValueOrDefault(key) + 1;
            if (p.Flow is not { } flow)
            {
                noFlowSent.Add(key + "@" + at.Ticks);
                continue;
            }
            StreamModel.AddFrame(expected.GetOrAdd(flow), p, at);
            if (StreamModel.IsPlain(p))
            {
                if (p.PayloadLength > 0)
                {
                    plainDataSent++;
                }
                else
                {
                    plainAcksSent++;
                }
            }
        }

        int segmentsInUnits = 0, dataAlone = 0, acksAlone = 0, ackUnits = 0;
        long octetsInUnits = 0;
        int units = 0;
        foreach (var d in rig.Guest.Deliveries)
        {
            var p = d.Packet;
            if (d.Header.HasRscInfo)
            {
                Assert.That(StreamModel.IsCoalescedHeaderWellFormed(d, out var why), Is.True, why);
                units++;
                segmentsInUnits += d.Header.CsumStart;
                octetsInUnits += p.PayloadLength;
                ackUnits += p.PayloadLength == 0 ? 1 : 0;
            }
            else
            {
                var key = Convert.ToHexString(d.Frame);
                Assert.That(sentFrames.GetValueOrDefault(key), Is.Positive, "an uncoalesced delivery is a sent frame, unchanged");
                sentFrames[key]--;
                Assert.That(d.Header.GsoType, Is.EqualTo(VirtioGsoType.None));
                if (d.Header.DataValid)
                {
                    Assert.That(p.IpChecksumValid && p.TcpChecksumValid, Is.True, "DATA_VALID only on good checksums");
                }
                if (StreamModel.IsPlain(p))
                {
                    if (p.PayloadLength > 0)
                    {
                        dataAlone++;
                    }
                    else
                    {
                        acksAlone++;
                    }
                }
            }
            if (p.Flow is { } flow)
            {
                StreamModel.AddDelivery(actual.GetOrAdd(flow), d);
            }
            else
            {
                noFlowDelivered.Add(Convert.ToHexString(d.Frame) + "@" + d.At.Ticks);
            }
        }

        Assert.That(noFlowDelivered, Is.EquivalentTo(noFlowSent), "frames of no flow pass at once, unchanged");
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys.Where(k => expected[k].Count > 0 || actual.ContainsKey(k))));
        foreach (var (flow, events) in expected)
        {
            var got = actual.GetValueOrDefault(flow) ?? [];
            Assert.That(got, Has.Count.EqualTo(events.Count), $"{flow}: bytes and exception frames conserved");
            for (int i = 0; i < events.Count; i++)
            {
                if (!events[i].SameAs(got[i]))
                {
                    Assert.Fail($"{flow}: event {i} differs: sent {events[i]}, got {got[i]}");
                }
                var wait = got[i].At - events[i].At;
                if (wait < TimeSpan.Zero || wait > Interval)
                {
                    Assert.Fail($"{flow}: event {i} waited {wait}");
                }
            }
        }

        var stats = rig.Stats;
        Assert.That(segmentsInUnits + dataAlone, Is.EqualTo(plainDataSent), "every plain data segment counted exactly once");
        Assert.That(acksAlone + ackUnits + stats[RscCounter.DupAck] + stats[RscCounter.WindowUpdate], Is.EqualTo(plainAcksSent), "every pure ACK accounted for");
        Assert.That(stats.CoalescedPackets, Is.EqualTo(segmentsInUnits));
        Assert.That(stats.CoalescedOctets, Is.EqualTo(octetsInUnits));
        Assert.That(stats.CoalesceEvents, Is.EqualTo(units));
        Assert.That(stats[RscCounter.Received], Is.EqualTo(sent.Count));
        Assert.That(stats[RscCounter.Delivered], Is.EqualTo(rig.Guest.Count));
    }
}

internal static class DictionaryExtensions
{
    public static List<StreamEvent> GetOrAdd(this Dictionary<FlowKey, List<StreamEvent>> d, FlowKey key)
    {
        if (!d.TryGetValue(key, out var list))
        {
            list = [];
            d[key] = list;
        }
        return list;
    }
}
