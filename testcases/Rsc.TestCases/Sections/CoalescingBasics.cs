using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;
using Flags = Rsc.Harness.Core.Net.TcpFlags;

namespace Rsc.TestCases.Sections;

/// <summary>BASIC: in-order data coalesces, per flow.</summary>
internal static class CoalescingBasics
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-BASIC-001",
            Section = "BASIC",
            Title = "Three in-order segments form one coalesced unit",
            Description = "Baseline IPv4 flow: three 1448-byte in-order segments, min(spacing, interval/3) apart "
                + "(100 us at the defaults), all within one drain interval. Nothing else.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: in-order segments of one flow are coalesced into one unit; that unit reports 3 "
                + "coalesced segments and 0 duplicate ACKs.",
            Source = "R, IND, VS, SEED",
            Build = ctx => InOrderRun.Merged(ctx, oneGuestFrame: true),
        },
        new()
        {
            Id = "RSC-BASIC-002",
            Section = "BASIC",
            Title = "Two interleaved flows coalesce independently",
            Description = "Two IPv4 flows (different source addresses and ports), three 1448-byte segments each, "
                + "interleaved A B A B A B, min(spacing, interval/6) apart (50 us at the defaults), all six within "
                + "one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: each flow keeps its own unit, so interleaving does not stop coalescing; MUST: "
                + "segments of different flows are never merged.",
            Source = "R, EX",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var fa = b.V4(0);
                var fb = b.V4(1);
                var a0 = fa.Data(Mss);
                var b0 = fb.Data(Mss);
                var a1 = fa.Data(Mss);
                var b1 = fb.Data(Mss);
                var a2 = fa.Data(Mss);
                var b2 = fb.Data(Mss);
                b.Must.NotMergedTogether(a0, b0);
                b.Must.NotMergedTogether(a2, b2);
                b.Should.MergedTogether(a0, a1, a2);
                b.Should.MergedTogether(b0, b1, b2);
                b.Should.RscCounts(a0, 3, 0);
                b.Should.RscCounts(b0, 3, 0);
                b.Should.GuestFrameCount(2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-BASIC-003",
            Section = "BASIC",
            Title = "Flows differing only in source port are not merged",
            Description = "Two IPv4 flows with identical addresses, source ports 40000 and 40001. Flow A sends a "
                + "1448-byte segment; flow B then sends one whose sequence number is exactly where A's data ends; "
                + "then A sends its next in-order segment. Three frames min(spacing, interval/3) apart (100 us at "
                + "the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the flow is identified by addresses and ports; a segment of another flow never "
                + "joins a unit even when its sequence number fits. SHOULD: flow A's two segments coalesce.",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var fa = b.V4();
                var fb = b.Traffic.Flow(fa.Spec with { Name = "v4-0-port", SourcePort = (ushort)(fa.Spec.SourcePort + 1) });
                var a0 = fa.Data(Mss);
                fb.NextSeq = fa.NextSeq;
                fb.Ack = fa.Ack;
                var trap = fb.Data(Mss);
                var a1 = fa.Data(Mss);
                b.Must.NotMergedTogether(a0, trap);
                b.Must.NotMergedTogether(trap, a1);
                b.Should.MergedTogether(a0, a1);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-BASIC-004",
            Section = "BASIC",
            Title = "A short tail segment joins the unit",
            Description = "Baseline IPv4 flow: three 1448-byte segments followed by one 600-byte segment, all in "
                + "order, min(spacing, interval/4) apart (75 us at the defaults), within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: segments of unequal size coalesce as long as each starts where the unit's data "
                + "ends; the unit reports 4 segments.",
            Source = "R, EX",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                var tail = f.Data(600);
                b.Should.MergedTogether(d0, d1, d2, tail);
                b.Should.RscCounts(d0, 4, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-BASIC-005",
            Section = "BASIC",
            Title = "1,024 concurrent flows all coalesce",
            Description = "1,024 IPv4 flows (source ports 40000..41023), each sending three in-order 1448-byte "
                + "segments, interleaved round-robin (flow 0, 1, ..., 1023, then the second segment of each, then the "
                + "third), so all 1,024 flows have a unit open at once. The 3,072 frames are spaced interval/3072 "
                + "(about 98 ns at 300 us) so every flow's three segments arrive within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: a device with the default 1,024-flow context table coalesces every one of the "
                + "1,024 flows: each flow's three segments form one unit (1,024 coalesced units in all). MUST (the "
                + "oracle's general rules): every flow's byte stream and order are kept.",
            Source = "R, EX",
            Build = ctx =>
            {
                const int flowCount = 1024;
                const int perFlow = 3;
                var b = new CaseBuilder(ctx, framesInOneInterval: flowCount * perFlow);
                var flows = Enumerable.Range(0, flowCount).Select(i => b.V4(i)).ToArray();
                var sent = new ScheduledFrame[flowCount, perFlow];
                for (int k = 0; k < perFlow; k++)
                {
                    for (int i = 0; i < flowCount; i++)
                    {
                        sent[i, k] = flows[i].Data(Mss);
                    }
                }
                for (int i = 0; i < flowCount; i++)
                {
                    b.Should.As(BehaviourRules.FlowCapacity).MergedTogether(sent[i, 0], sent[i, 1], sent[i, 2]);
                }
                b.Should.As(BehaviourRules.FlowCapacity).CoalescedFrameCount(flowCount, flowCount);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-BASIC-006",
            Section = "BASIC",
            Title = "Long random stream over several IPv4 and IPv6 flows keeps every flow's bytes and order",
            Description = "3,000 frames over four IPv4 and two IPv6 flows, generated by System.Random with the fixed "
                + "seed " + StreamSeed + " (recorded as plan parameter 'seed'). Each step picks a flow and an action: "
                + "in-order data (mostly 1448 bytes, sometimes 1..1447, PSH on about 1 in 5), a sequence gap, a "
                + "retransmission, an advancing pure ACK, a window update, a duplicate ACK (sometimes with SACK), "
                + "an occasional MSS option or URG segment; three flows carry timestamps. Each flow ends with FIN "
                + "(one with RST). Frames are 10..100% of the spacing apart (at most 100 us at the defaults).",
            Level = RequirementLevel.Must,
            Requirement = "MUST: every frame arrives exactly once; every flow's byte stream and order are kept and "
                + "every merge is legal (the oracle's general rules); each flow's first frame arrives before its "
                + "last. SHOULD: some units coalesce.",
            Source = "R, E, IPH, EX",
            Build = ctx => RandomStream(ctx),
        },
        new()
        {
            Id = "RSC-BASIC-007",
            Section = "BASIC",
            Title = "Ethernet padding behind a tiny segment is not payload",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, then an in-order 1-byte segment whose "
                + "55-byte frame is padded with zeros to the 60-byte Ethernet minimum (its IPv4 total length still "
                + "says 41). Three frames min(spacing, interval/3) apart (100 us at the defaults), all within one "
                + "drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment is its IP datagram; the Ethernet padding behind it never becomes part of "
                + "the unit's payload or lengths (the oracle's general rules R.payload-concatenation, IPH.ip-length "
                + "and CONS.byte-stream judge the unit). SHOULD: the 1-byte segment joins the unit.",
            Source = "R, IPH",
            Rules = [OracleRules.PayloadConcatenation],
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var tiny = f.PaddedData(b.Traffic, 1, 60);
                b.Should.MergedTogether(d0, d1, tiny);
                return b.Done();
            },
        },
    ];

    private const int StreamSeed = 20261126;

    private static CaseTraffic RandomStream(CaseContext ctx)
    {
        const int frames = 3000;
        var rng = new Random(StreamSeed);
        var b = new CaseBuilder(ctx);
        b.Traffic.Parameter("seed", StreamSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.Traffic.Parameter("frames", frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        FlowCursor[] flows = [b.V4(0), b.V4(1), b.V4(2), b.V4(3), b.V6(0), b.V6(1)];
        flows[0].WithTimestamps(1_000);
        flows[2].WithTimestamps(0xFFFF_F000); // crosses the TSval wrap
        flows[4].WithTimestamps(50_000);
        var first = new ScheduledFrame?[flows.Length];
        var last = new ScheduledFrame?[flows.Length];
        var sentData = flows.Select(_ => new List<(uint Seq, int Length)>()).ToArray();
        int closing = frames - flows.Length;

        for (int n = 0; n < closing; n++)
        {
            b.Traffic.SpacingNs = Math.Max(1, ctx.SpacingNs * rng.Next(1, 11) / 10);
            int i = rng.Next(flows.Length);
            var f = flows[i];
            int roll = rng.Next(100);
            ScheduledFrame frame;
            if (roll < 62)
            {
                int length = rng.Next(4) == 0 ? rng.Next(1, Mss) : Mss;
                bool psh = rng.Next(5) == 0;
                uint seq = f.NextSeq;
                frame = f.Data(length, psh ? s => s with { Flags = Flags.Ack | Flags.Psh } : null, psh ? $"data {length} PSH" : null);
                sentData[i].Add((seq, length));
            }
            else if (roll < 66)
            {
                f.Skip(Mss);
                uint seq = f.NextSeq;
                frame = f.Data(Mss, label: "data 1448 after a gap");
                sentData[i].Add((seq, Mss));
            }
            else if (roll < 70 && sentData[i].Count > 0)
            {
                var (seq, length) = sentData[i][rng.Next(Math.Max(0, sentData[i].Count - 8), sentData[i].Count)];
                frame = f.Retransmit(seq, length);
            }
            else if (roll < 76)
            {
                uint advance = (uint)rng.Next(1, 20_000);
                frame = f.PureAck(s => s with { Ack = unchecked(s.Ack + advance) }, "pure ACK advancing");
            }
            else if (roll < 82)
            {
                ushort window = (ushort)rng.Next(10_000, 65_536);
                frame = f.PureAck(s => s with { Window = window }, $"window update {window}");
            }
            else if (roll < 92)
            {
                bool sack = rng.Next(4) == 0;
                frame = sack
                    ? f.PureAck(
                        s => s with { Options = [.. s.Options, TcpOption.Nop, TcpOption.Nop, new SackOption([(unchecked(f.NextSeq + 1448), unchecked(f.NextSeq + 2896))])] },
                        "dup ACK with SACK")
                    : f.PureAck(label: "dup ACK");
            }
            else if (roll < 96)
            {
                uint seq = f.NextSeq;
                frame = f.Data(Mss, s => s with { Options = [.. s.Options, new MssOption(1460)] }, "data 1448 MSS");
                sentData[i].Add((seq, Mss));
            }
            else
            {
                uint seq = f.NextSeq;
                frame = f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Urg, UrgentPointer = 10 }, "data 1448 URG");
                sentData[i].Add((seq, Mss));
            }
            first[i] ??= frame;
            last[i] = frame;
        }

        for (int i = 0; i < flows.Length; i++)
        {
            b.Traffic.SpacingNs = ctx.SpacingNs;
            var end = i == 1
                ? flows[i].PureAck(s => s with { Flags = Flags.Ack | Flags.Rst }, "RST")
                : flows[i].Data(100, s => s with { Flags = Flags.Ack | Flags.Fin | Flags.Psh }, "data 100 FIN");
            first[i] ??= end;
            // A FIN merged into the unit as its last segment (GRO does so by design) breaks these the
            // same way; the RST end and every reorder (ORDER.flow) stay strict.
            var ending = i == 1 ? b.Must : b.Must.As(OracleRules.FinMerged);
            ending.DeliveredAlone(end);
            ending.DeliveredInOrder(first[i]!, end);
            if (last[i] is { } l && l.Index != first[i]!.Index)
            {
                ending.DeliveredInOrder(l, end);
            }
        }
        b.Should.CoalescedFrameCount(1, int.MaxValue);
        return b.Done();
    }
}
