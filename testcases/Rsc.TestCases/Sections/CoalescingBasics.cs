using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

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
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                b.Should.MergedTogether(d0, d1, d2);
                b.Should.RscCounts(d0, 3, 0);
                b.Should.GuestFrameCount(1);
                return b.Done();
            },
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
    ];
}
