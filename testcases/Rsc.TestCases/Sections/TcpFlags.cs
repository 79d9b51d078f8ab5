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

/// <summary>FLAG: TCP flags other than ACK end coalescing; PSH is OR-ed; ECE/CWR must match.</summary>
internal static class TcpFlags
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-FLAG-001",
            Section = "FLAG",
            Title = "PSH on a middle segment is OR-ed into the unit",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments; only the second carries PSH. "
                + "Three frames min(spacing, interval/3) apart (100 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: PSH does not stop coalescing and the unit has PSH set if any of its segments had "
                + "it. R words the OR as 'should'; the digest states it flatly and the suite treats a lost PSH as a "
                + "MUST, since the guest's stack would keep waiting for data that already arrived. The oracle's "
                + "general rule R.psh-or judges the header.",
            Source = "R, IPH",
            Rules = [OracleRules.PshOr],
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var push = f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Psh }, "data 1448 PSH");
                var d2 = f.Data(Mss);
                b.Should.As(BehaviourRules.ContinueAfterPsh).MergedTogether(d0, push, d2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-FLAG-002",
            Section = "FLAG",
            Title = "FIN mid-flow: cached data first, the FIN segment alone",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, then a fourth in-order 1448-byte "
                + "segment carrying FIN. Four frames min(spacing, interval/4) apart (75 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with FIN is never coalesced; the data cached before it is delivered "
                + "first, then the FIN segment on its own.",
            Source = "E, EX",
            Build = ctx => FinAfterData(ctx, ipv6: false),
        },
        new()
        {
            Id = "RSC-FLAG-003",
            Section = "FLAG",
            Title = "RST after data is delivered alone, after the data",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, then an in-order RST|ACK with no "
                + "payload. Four frames min(spacing, interval/4) apart (75 us at the defaults), all within one "
                + "drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with RST is never coalesced; cached data is delivered before it.",
            Source = "E",
            Build = ctx => Sandwich.Around(ctx, (f, _, _) => f.Send(f.Next(0, Flags.Rst | Flags.Ack), label: "RST"), before: 3, after: 0),
        },
        new()
        {
            Id = "RSC-FLAG-004",
            Section = "FLAG",
            Title = "SYN is never merged with the data that follows",
            Description = "IPv4 flow: a SYN (no ACK, no options, no payload), then three in-order 1448-byte ACK "
                + "segments starting right after the SYN's sequence number. Four frames min(spacing, interval/4) "
                + "apart (75 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with SYN is never coalesced, even when the next data starts exactly "
                + "where it ends. SHOULD: the data after it coalesces.",
            Source = "E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                uint ack = f.Ack;
                var syn = f.Send(f.Next(0, Flags.Syn) with { Ack = 0 }, label: "SYN");
                f.Ack = ack; // the data after the handshake acknowledges the other side again
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                var d3 = f.Data(Mss);
                b.Must.DeliveredAlone(syn);
                b.Must.DeliveredInOrder(syn, d1);
                b.Should.MergedTogether(d1, d2, d3);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-FLAG-005",
            Section = "FLAG",
            Title = "URG segment is delivered alone",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third with URG set and urgent "
                + "pointer 10, then two more. Five frames min(spacing, interval/5) apart (60 us at the defaults), "
                + "all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with URG is never coalesced; data before it is delivered first.",
            Source = "E",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Urg, UrgentPointer = 10 }, "data 1448 URG")),
        },
        new()
        {
            Id = "RSC-FLAG-006",
            Section = "FLAG",
            Title = "ECE turning on ends the unit and starts a new one",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments without ECE, then three with ECE "
                + "set. Five frames min(spacing, interval/5) apart (60 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments whose ECE differs are never merged. SHOULD: the segment that changed ECE "
                + "starts a new unit which the following ECE segments join.",
            Source = "E, R",
            Build = ctx => FieldChange.EndsTheUnit(ctx, edit: s => s with { Flags = Flags.Ack | Flags.Ece }, label: "data 1448 ECE"),
        },
        new()
        {
            Id = "RSC-FLAG-007",
            Section = "FLAG",
            Title = "A single CWR segment is merged with neither neighbour",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third with CWR set, then two more "
                + "without. Five frames min(spacing, interval/5) apart (60 us at the defaults), all within one "
                + "drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments whose CWR differs are never merged, so the CWR segment arrives alone.",
            Source = "E, R",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Cwr }, "data 1448 CWR")),
        },
        new()
        {
            Id = "RSC-FLAG-008",
            Section = "FLAG",
            Title = "ECE and CWR set together on one segment: merged with neither neighbour",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third with both ECE and CWR set, "
                + "then two more without either. Five frames min(spacing, interval/5) apart (60 us at the defaults), "
                + "all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments whose ECE or CWR differ are never merged, so the ECE|CWR segment arrives "
                + "alone and keeps its place in the flow. SHOULD: the plain segments on each side coalesce.",
            Source = "E, R",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Ece | Flags.Cwr }, "data 1448 ECE|CWR")),
        },
        new()
        {
            Id = "RSC-FLAG-009",
            Section = "FLAG",
            Title = "PSH on the second and the last of four segments is kept in the unit",
            Description = "Baseline IPv4 flow: four in-order 1448-byte segments; the second and the fourth carry "
                + "PSH. Four frames min(spacing, interval/4) apart (75 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the unit has PSH set if any of its segments had it, however many did (as "
                + "RSC-FLAG-001). SHOULD: PSH does not stop coalescing, so all four form one unit.",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                Func<SegmentSpec, SegmentSpec> psh = s => s with { Flags = Flags.Ack | Flags.Psh };
                var d0 = f.Data(Mss);
                var p1 = f.Data(Mss, psh, "data 1448 PSH");
                var d2 = f.Data(Mss);
                var p3 = f.Data(Mss, psh, "data 1448 PSH");
                b.Must.Header(p1, "R.psh-or", "the frame holding the first PSH segment has PSH",
                    p => p.Flags.HasFlag(Flags.Psh) ? null : $"flags {p.Flags}, PSH expected");
                b.Must.Header(p3, "R.psh-or", "the frame holding the last PSH segment has PSH",
                    p => p.Flags.HasFlag(Flags.Psh) ? null : $"flags {p.Flags}, PSH expected");
                b.Should.As(BehaviourRules.ContinueAfterPsh).MergedTogether(d0, p1, d2, p3);
                b.Should.As(BehaviourRules.ContinueAfterPsh).RscCounts(d0, 4, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-FLAG-010",
            Section = "FLAG",
            Title = "A data segment without the ACK bit is delivered alone",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third in order whose flags are PSH "
                + "only (ACK clear), then two more plain ones. Five frames min(spacing, interval/5) apart (60 us at "
                + "the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment without the ACK bit is never coalesced (a synchronized TCP receiver drops "
                + "it, and a unit's flags are ACK only, so merging would hand the guest data its stack would have "
                + "discarded); the unit before it is delivered first, then the segment alone and unchanged. SHOULD: "
                + "the plain segments on each side coalesce.",
            Source = "E, R, IPH",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { Flags = Flags.Psh }, "data 1448 PSH without ACK")),
        },
        new()
        {
            Id = "RSC-FLAG-011",
            Section = "FLAG",
            Title = "A window update absorbed after a PSH segment leaves PSH on the unit",
            Description = "Baseline IPv4 flow advertising window 30000: two in-order 1448-byte segments, the second "
                + "with PSH, then a pure ACK without PSH with the same ACK number and window 60000 (a window update). "
                + "Three frames min(spacing, interval/3) apart (100 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the frame holding the PSH segment has PSH, whatever pure ACK joins the unit after it: "
                + "an absorbed window update changes the unit's window, not its flags. SHOULD: the two data segments "
                + "form one unit, which absorbs the window update.",
            Source = "R, IPH",
            Rules = [OracleRules.PshOr],
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                f.Window = 30000;
                var d0 = f.Data(Mss);
                var push = f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Psh }, "data 1448 PSH");
                var update = f.PureAck(s => s with { Window = 60000 }, "window update");
                b.Must.Header(push, "R.psh-or", "the frame holding the PSH segment has PSH",
                    p => p.Flags.HasFlag(Flags.Psh) ? null : $"flags {p.Flags}, PSH expected");
                b.Should.MergedTogether(d0, push);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).MergedTogether(d0, push, update);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-FLAG-012",
            Section = "FLAG",
            Title = "A retransmission carrying PSH is delivered after the unit it cannot join",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, then the second sent again with "
                + "PSH (same sequence number and payload), then two new in-order segments. Six frames min(spacing, "
                + "interval/6) apart (50 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a PSH segment that cannot join the open unit is delivered alone and after it: PSH "
                + "asks for prompt delivery, never for overtaking the data the flow holds. SHOULD: the three first "
                + "segments form one unit and the two last another.",
            Source = "R, E",
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _, sent) => f.Retransmit(sent[1].Segment!.Seq, Mss, s => s with { Flags = Flags.Ack | Flags.Psh }),
                before: 3,
                after: 2),
        },
    ];

    /// <summary>Three in-order segments, then a fourth with FIN, one interval: the FIN alone, after the data.</summary>
    internal static CaseTraffic FinAfterData(CaseContext ctx, bool ipv6)
    {
        var b = new CaseBuilder(ctx, framesInOneInterval: 4);
        var f = ipv6 ? b.V6() : b.V4();
        var d0 = f.Data(Mss);
        var d1 = f.Data(Mss);
        var d2 = f.Data(Mss);
        var fin = f.Data(Mss, s => s with { Flags = Flags.Ack | Flags.Fin }, "data 1448 FIN");
        // Both break the same way when a device merges the FIN into the unit as its last segment (GRO
        // does), so both report under the FIN rule; a real reorder still fails ORDER.flow.
        b.Must.As(OracleRules.FinMerged).DeliveredAlone(fin);
        b.Must.As(OracleRules.FinMerged).DeliveredInOrder(d2, fin);
        (ipv6 ? b.Should.As(BehaviourRules.Ipv6Coalescing) : b.Should).MergedTogether(d0, d1, d2);
        return b.Done();
    }
}
