using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>SEQ: sequence continuity, ACK and window carried by data segments.</summary>
internal static class SequenceAndWindow
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-SEQ-001",
            Section = "SEQ",
            Title = "A sequence gap ends the unit",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, then 1448 bytes are skipped (a lost "
                + "segment), then three in-order segments continuing after the hole. Five frames min(spacing, "
                + "interval/5) apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment whose sequence number is not the unit's next expected one never joins "
                + "it, and is delivered after the unit. SHOULD: coalescing resumes after the gap.",
            Source = "R, E, EX",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.Skip(Mss);
                var g2 = f.Data(Mss);
                var g3 = f.Data(Mss);
                var g4 = f.Data(Mss);
                b.Must.NotMergedTogether(d1, g2);
                b.Must.DeliveredInOrder(d1, g2);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(g3, g4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-SEQ-002",
            Section = "SEQ",
            Title = "A retransmission ends the unit and is delivered alone",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, then the second one is sent again "
                + "(same sequence number and payload), then two new in-order segments. Six frames min(spacing, "
                + "interval/6) apart (50 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a retransmitted segment (sequence number behind the unit's next expected) is not "
                + "merged with the unit nor with the new data after it. SHOULD: coalescing resumes afterwards.",
            Source = "R, E",
            Build = ctx => Sandwich.Around(ctx, (f, _, sent) => f.Retransmit(sent[1].Segment!.Seq, Mss), before: 3, after: 2),
        },
        new()
        {
            Id = "RSC-SEQ-003",
            Section = "SEQ",
            Title = "Data carrying an advancing ACK number still merges",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments whose ACK number grows by 1000 on "
                + "each segment (piggy-backed ACKs for the reverse direction). Three frames min(spacing, "
                + "interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "SHOULD: data segments merge although their ACK numbers advance; MUST: the unit carries "
                + "the ACK number of its last segment.",
            Source = "R, IPH, EX",
            Build = ctx => InOrderRun.Merged(
                ctx,
                between: (f, _) => f.Ack += 1000,
                last: (b, d2) =>
                {
                    uint lastAck = d2.Segment!.Ack;
                    b.Must.Header(d2, "IPH.ack-of-last", $"the unit holding the last segment carries its ACK number {lastAck}",
                        p => p.Ack == lastAck ? null : $"ACK number {p.Ack}, expected {lastAck}");
                },
                behaviour: BehaviourRules.MergeAcrossAckWindow),
        },
        new()
        {
            Id = "RSC-SEQ-004",
            Section = "SEQ",
            Title = "Data with a changing window merges and keeps the last window",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments advertising windows 65535, 32768 "
                + "and 40000. Three frames min(spacing, interval/3) apart (100 us at the defaults), all within one "
                + "drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "SHOULD: a window change on data does not stop coalescing; MUST: the unit carries the "
                + "window of its last segment.",
            Source = "R, IPH",
            Build = ctx => InOrderRun.Merged(
                ctx,
                between: (f, i) => f.Window = i == 1 ? (ushort)32768 : (ushort)40000,
                last: (b, d2) => b.Must.Header(d2, "IPH.window-of-last", "the unit holding the last segment carries its window 40000",
                    p => p.Window == 40000 ? null : $"window {p.Window}, expected 40000"),
                behaviour: BehaviourRules.MergeAcrossAckWindow,
                counted: false),
        },
        new()
        {
            Id = "RSC-SEQ-005",
            Section = "SEQ",
            Title = "Coalescing across the sequence-number wrap",
            Description = "Baseline IPv4 flow whose first 1448-byte segment ends exactly at 2^32, so the second "
                + "starts at sequence number 0; three in-order segments min(spacing, interval/3) apart (100 us at "
                + "the defaults).",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: sequence continuity is judged modulo 2^32, so the wrap does not stop coalescing; "
                + "the unit carries the first segment's sequence number and reports 3 segments.",
            Source = "R, EX",
            Build = ctx => InOrderRun.Merged(ctx, setup: f => f.NextSeq = unchecked(0u - Mss)),
        },
        new()
        {
            Id = "RSC-SEQ-006",
            Section = "SEQ",
            Title = "Data whose ACK number goes backwards is not merged",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments with ACK number A, a third in order but "
                + "with ACK number A - 1000 (a reordered older acknowledgement), then two more in-order segments with "
                + "A - 1000. Five frames min(spacing, interval/5) apart (60 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: a data segment whose ACK number is below the unit's (modulo 2^32) does not join "
                + "it, since the unit takes the last segment's ACK number and would hide the higher acknowledgement "
                + "already received; it starts a new unit, which the segments after it join. Order is kept (MUST, "
                + "judged by the oracle on every run).",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.Ack -= 1000;
                var back = f.Data(Mss, label: "data 1448 ACK -1000");
                var d3 = f.Data(Mss);
                var d4 = f.Data(Mss);
                b.Should.NotMergedTogether(d1, back);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(back, d3, d4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-SEQ-007",
            Section = "SEQ",
            Title = "A retransmitted first segment with a new window is delivered, not taken for a window update",
            Description = "Baseline IPv4 flow advertising window 30000: two in-order 1448-byte segments, then the "
                + "first sent again (same sequence number, ACK number and payload) advertising window 60000. Three "
                + "frames min(spacing, interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with data is never absorbed as a window update, even when it starts where "
                + "the unit starts and carries the unit's ACK number with a new window: the retransmission reaches "
                + "the guest alone, after the unit. SHOULD: the two first segments form one unit.",
            Source = "R, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                f.Window = 30000;
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var again = f.Retransmit(d0.Segment!.Seq, Mss, s => s with { Window = 60000 });
                b.Must.DeliveredAlone(again);
                b.Must.DeliveredInOrder(d1, again);
                b.Should.MergedTogether(d0, d1);
                return b.Done();
            },
        },
    ];
}
