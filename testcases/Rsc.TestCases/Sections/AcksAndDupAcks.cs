using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>ACK: pure ACKs, window updates and duplicate ACKs.</summary>
internal static class AcksAndDupAcks
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-ACK-001",
            Section = "ACK",
            Title = "A window update after data is absorbed without being counted",
            Description = "Baseline IPv4 flow advertising window 30000: three in-order 1448-byte segments, then a "
                + "pure ACK with the same ACK number and window 60000 (a window update). Four frames min(spacing, "
                + "interval/4) apart (75 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "SHOULD: the window update is absorbed into the data unit; MUST: it is counted neither as "
                + "a segment nor as a duplicate ACK (counts stay 3/0) and the unit carries the new window.",
            Source = "R, IND, NBL",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = WindowUpdate.SmallWindowFlow(b);
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                var update = WindowUpdate.SendAndRequireSeen(b, f);
                b.Should.MergedTogether(d0, d1, d2);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).MergedTogether(d0, d1, d2, update);
                b.Should.RscCounts(d0, 3, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-002",
            Section = "ACK",
            Title = "Duplicate ACKs after data: count is one less than the duplicates",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, then three pure ACKs repeating "
                + "the data's ACK number and window (duplicate ACKs). Six frames min(spacing, interval/6) apart (50 "
                + "us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: the first duplicate ACK after data starts a new unit (the data unit is delivered "
                + "first) and each further one is absorbed into it, so it reports 0 segments and 2 duplicate ACKs.",
            Source = "R, EX, NBL, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                var a3 = f.PureAck(label: "dup ACK");
                var a4 = f.PureAck(label: "dup ACK");
                var a5 = f.PureAck(label: "dup ACK");
                b.Should.MergedTogether(d0, d1, d2);
                b.Should.RscCounts(d0, 3, 0);
                b.Should.NotMergedTogether(d2, a3);
                b.Should.As(BehaviourRules.DupAckCoalesced).MergedTogether(a3, a4, a5);
                b.Should.As(BehaviourRules.DupAckCoalesced).RscCounts(a3, 0, 2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-003",
            Section = "ACK",
            Title = "Duplicate ACKs after a lone cumulative ACK: count equals the duplicates",
            Description = "IPv4 flow with no data: one pure ACK, then three pure ACKs repeating its ACK number and "
                + "window. Four frames min(spacing, interval/4) apart (75 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: the duplicates are absorbed into the unit the cumulative ACK started, which "
                + "reports 0 segments and 3 duplicate ACKs.",
            Source = "R, NBL, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                var ack = f.PureAck(label: "cumulative ACK");
                var a1 = f.PureAck(label: "dup ACK");
                var a2 = f.PureAck(label: "dup ACK");
                var a3 = f.PureAck(label: "dup ACK");
                b.Should.As(BehaviourRules.DupAckCoalesced).MergedTogether(ack, a1, a2, a3);
                b.Should.As(BehaviourRules.DupAckCoalesced).RscCounts(ack, 0, 3);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-004",
            Section = "ACK",
            Title = "Advancing pure ACKs are never merged",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, then three pure ACKs each advancing "
                + "the ACK number by 1448. Five frames min(spacing, interval/5) apart (60 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a pure ACK that advances the ACK number is not absorbed into a unit and pure ACKs "
                + "are never merged with each other: each is delivered alone, after the data unit.",
            Source = "R, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.Ack += Mss;
                var p2 = f.PureAck(label: "advancing ACK");
                f.Ack += Mss;
                var p3 = f.PureAck(label: "advancing ACK");
                f.Ack += Mss;
                var p4 = f.PureAck(label: "advancing ACK");
                b.Must.DeliveredAlone(p2, p3, p4);
                b.Must.DeliveredInOrder(d1, p2);
                b.Should.MergedTogether(d0, d1);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-005",
            Section = "ACK",
            Title = "Data after an absorbed window update keeps coalescing",
            Description = "Baseline IPv4 flow advertising window 30000: two in-order 1448-byte segments, a window "
                + "update to 60000 (pure ACK, same ACK number), then two more in-order segments advertising 60000. "
                + "Five frames min(spacing, interval/5) apart (60 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: a window update does not raise the duplicate-ACK count, so later in-order data "
                + "still joins the same unit, which reports 4 segments and 0 duplicate ACKs.",
            Source = "R, EX",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = WindowUpdate.SmallWindowFlow(b);
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var update = WindowUpdate.Send(f);
                var d3 = f.Data(Mss);
                var d4 = f.Data(Mss);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(d3, d4);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).MergedTogether(d0, d1, update, d3, d4);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).RscCounts(d0, 4, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-006",
            Section = "ACK",
            Title = "Data never joins a unit that absorbed duplicate ACKs",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, three duplicate ACKs, then two more "
                + "in-order segments. Seven frames min(spacing, interval/7) apart (42.9 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: once a unit has absorbed a duplicate ACK no data segment joins it; SHOULD: the "
                + "duplicates form one unit counting 2 and the new data starts a unit of its own.",
            Source = "R, EX",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 7);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var a2 = f.PureAck(label: "dup ACK");
                var a3 = f.PureAck(label: "dup ACK");
                var a4 = f.PureAck(label: "dup ACK");
                var d5 = f.Data(Mss);
                var d6 = f.Data(Mss);
                b.Must.NotMergedTogether(a4, d5);
                b.Should.MergedTogether(d0, d1);
                b.Should.As(BehaviourRules.DupAckCoalesced).MergedTogether(a2, a3, a4);
                b.Should.As(BehaviourRules.DupAckCoalesced).RscCounts(a2, 0, 2);
                b.Should.MergedTogether(d5, d6);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-007",
            Section = "ACK",
            Title = "A window update after a single data segment reaches the guest",
            Description = "Baseline IPv4 flow advertising window 30000: one 1448-byte segment, then a pure ACK at "
                + "the next sequence number with the same ACK number and window 60000 (a window update). Two frames "
                + "min(spacing, interval/2) apart (100 us at the defaults), both within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the window update reaches the guest (the frame holding it advertises 60000). "
                + "SHOULD: it is absorbed into the one-segment data unit, which then reports 1 segment and 0 "
                + "duplicate ACKs.",
            Source = "R, IND, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 2);
                var f = WindowUpdate.SmallWindowFlow(b);
                var d0 = f.Data(Mss);
                var update = WindowUpdate.SendAndRequireSeen(b, f);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).MergedTogether(d0, update);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).RscCounts(d0, 1, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-008",
            Section = "ACK",
            Title = "A window update after a lone cumulative ACK reaches the guest",
            Description = "IPv4 flow with no data advertising window 30000: one pure ACK, then a pure ACK with the "
                + "same sequence and ACK number and window 60000 (a window update). Two frames min(spacing, "
                + "interval/2) apart (100 us at the defaults), both within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the window update reaches the guest (the frame holding it advertises 60000) and "
                + "is never counted as a segment or a duplicate ACK. SHOULD: it is absorbed into the unit the "
                + "cumulative ACK started, which reports 0 segments and 0 duplicate ACKs.",
            Source = "R, IND, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 2);
                var f = WindowUpdate.SmallWindowFlow(b);
                var ack = f.PureAck(label: "cumulative ACK");
                var update = WindowUpdate.SendAndRequireSeen(b, f);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).MergedTogether(ack, update);
                b.Should.RscCountsIfMerged([ack, update], 0, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-ACK-009",
            Section = "ACK",
            Title = "Duplicate ACKs with rising TSval: the unit carries the last timestamp",
            Description = "IPv4 flow with no data and aligned timestamps (NOP NOP TS, TSecr 777): one pure ACK with "
                + "TSval 1000, then three pure ACKs repeating its ACK number and window with TSval 1001, 1002, 1003. "
                + "Four frames min(spacing, interval/4) apart (75 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the frame holding the last duplicate ACK carries its timestamp (TSval 1003, TSecr "
                + "777). SHOULD: the duplicates are absorbed into the unit the cumulative ACK started, which reports "
                + "0 segments and 3 duplicate ACKs.",
            Source = "R, IPH, NBL, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4().WithTimestamps(1000);
                var ack = f.PureAck(label: "cumulative ACK TSval 1000");
                var a1 = f.PureAck(label: "dup ACK TSval 1001");
                var a2 = f.PureAck(label: "dup ACK TSval 1002");
                var a3 = f.PureAck(label: "dup ACK TSval 1003");
                b.Must.Header(a3, "IPH.timestamp-latest", "the frame holding the last duplicate ACK carries TS(1003,777)",
                    p => p.TimestampOption is { TsVal: 1003, TsEcr: 777 } ? null
                        : $"timestamp {(p.TimestampOption is { } t ? $"TS({t.TsVal},{t.TsEcr})" : "absent")}, expected TS(1003,777)");
                b.Should.As(BehaviourRules.DupAckCoalesced).MergedTogether(ack, a1, a2, a3);
                b.Should.As(BehaviourRules.DupAckCoalesced).RscCounts(ack, 0, 3);
                return b.Done();
            },
        },
    ];
}
