using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>
/// STAT: the NDIS RSC counters. Counts that depend on coalescing having happened are SHOULD (the
/// oracle already holds the first three to what was delivered); aborts caused by segments that may
/// never be coalesced do not depend on it and are MUST.
/// </summary>
internal static class Statistics
{
    private const byte Ect0 = 2;
    private const byte Ce = 3;

    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-STAT-001",
            Section = "STAT",
            Title = "Counters for two clean bursts",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments min(spacing, interval/3) apart "
                + "(100 us at the defaults), two drain intervals of silence, then three more the same way. No "
                + "exceptions.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a timer flush is not an abort (Aborts 0). SHOULD: CoalescedPkts 6, CoalescedOctets "
                + "8688, CoalesceEvents 2.",
            Source = "OID",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                var first = f.Segments(3);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var second = f.Segments(3);
                b.Must.Statistics(aborts: 0);
                b.Should.Statistics(coalescedPackets: 6, coalescedOctets: 6 * Mss, coalesceEvents: 2);
                b.Should.MergedTogether(first);
                b.Should.MergedTogether(second);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-002",
            Section = "STAT",
            Title = "Segments that may never be coalesced count as aborts",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, one carrying an MSS option, two "
                + "plain, one with a bad TCP checksum, two plain. Nine frames, all in order, min(spacing, "
                + "interval/9) apart (33.3 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: Aborts counts each segment that may never be coalesced (here 2). SHOULD: the plain "
                + "segments form three units: CoalescedPkts 7, CoalescedOctets 10136, CoalesceEvents 3.",
            Source = "OID, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 9);
                var f = b.V4();
                var u0 = f.Segments(3);
                f.Data(Mss, s => s with { Options = [new MssOption(1460)] }, "data 1448 MSS");
                var u1 = f.Segments(2);
                f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Tcp }, "data 1448 bad TCP checksum");
                var u2 = f.Segments(2);
                b.Must.Statistics(aborts: 2);
                b.Should.Statistics(coalescedPackets: 7, coalescedOctets: 7 * Mss, coalesceEvents: 3);
                b.Should.MergedTogether(u0);
                b.Should.MergedTogether(u1);
                b.Should.MergedTogether(u2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-003",
            Section = "STAT",
            Title = "Segments that end an open unit count as aborts",
            Description = "IPv4 flow with ECN ECT(0): three in-order 1448-byte segments and a retransmission of the "
                + "first; two drain intervals of silence; then two in-order segments and two marked CE. Frames are "
                + "min(spacing, interval/4) apart (75 us at the defaults), so each group of four fits in one "
                + "interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD (the counts presume the units coalesced): the retransmission and the ECN change "
                + "each end an open unit, so Aborts 2; CoalescedPkts 7, CoalescedOctets 10136, CoalesceEvents 3.",
            Source = "OID, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                f.Ecn = Ect0;
                var u0 = f.Segments(3);
                f.Retransmit(u0[0].Segment!.Seq, Mss);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var u1 = f.Segments(2);
                f.Ecn = Ce;
                var u2 = f.Segments(2);
                b.Should.Statistics(coalescedPackets: 7, coalescedOctets: 7 * Mss, coalesceEvents: 3, aborts: 2);
                b.Should.MergedTogether(u0);
                b.Should.MergedTogether(u1);
                b.Should.MergedTogether(u2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-004",
            Section = "STAT",
            Title = "CoalescedPkts counts the data segments of coalesced units only",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a window update (window 60000, no "
                + "payload), a third in-order 1448-byte segment; four frames min(spacing, interval/4) apart (75 us "
                + "at the defaults). Then two drain intervals of silence and one more in-order 1448-byte segment "
                + "on its own.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD (the count presumes the unit coalesced): CoalescedPkts is exactly 3: the three "
                + "data segments of the unit; the absorbed window update and the lone segment delivered unchanged "
                + "are not counted. The oracle holds CoalescedPkts to what was actually delivered as a MUST.",
            Source = "OID, R",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var wu = f.PureAck(s => s with { Window = 60000 }, "window update 60000");
                var d2 = f.Data(Mss);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var lone = f.Data(Mss);
                b.Should.MergedTogether(d0, d1, d2);
                b.Should.As(BehaviourRules.WindowUpdateAbsorbed).MergedTogether(d0, d1, wu, d2);
                b.Should.DeliveredAlone(lone);
                b.Should.Statistics(coalescedPackets: 3);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-005",
            Section = "STAT",
            Title = "CoalescedOctets sums the TCP payload of coalesced segments only",
            Description = "Baseline IPv4 flow: three in-order segments of 1448, 200 and 536 bytes, min(spacing, "
                + "interval/3) apart (100 us at the defaults); two drain intervals of silence; then one in-order "
                + "100-byte segment on its own.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD (the count presumes the unit coalesced): CoalescedOctets is exactly 2184 (1448 + "
                + "200 + 536): TCP payload bytes only, no headers, and nothing for the lone 100-byte segment. The "
                + "oracle holds CoalescedOctets to what was actually delivered as a MUST.",
            Source = "OID",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                ScheduledFrame[] unit = [f.Data(Mss), f.Data(200), f.Data(536)];
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var lone = f.Data(100);
                b.Should.MergedTogether(unit);
                b.Should.DeliveredAlone(lone);
                b.Should.Statistics(coalescedOctets: Mss + 200 + 536);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-006",
            Section = "STAT",
            Title = "CoalesceEvents counts coalesced units, one per unit",
            Description = "Two IPv4 flows interleaved: A, B, A, B, A (three 1448-byte segments of flow A, two of flow "
                + "B, all in order), min(spacing, interval/5) apart (60 us at the defaults); two drain intervals of "
                + "silence; then one in-order 1448-byte segment of flow A on its own.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD (the count presumes the units coalesced): CoalesceEvents is exactly 2, one per "
                + "coalesced unit (A's and B's); the lone segment is not an event. The oracle holds CoalesceEvents "
                + "to what was actually delivered as a MUST.",
            Source = "OID",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var a = b.V4(0);
                var c = b.V4(1);
                var a0 = a.Data(Mss);
                var c0 = c.Data(Mss);
                var a1 = a.Data(Mss);
                var c1 = c.Data(Mss);
                var a2 = a.Data(Mss);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var lone = a.Data(Mss);
                b.Should.MergedTogether(a0, a1, a2);
                b.Should.MergedTogether(c0, c1);
                b.Should.DeliveredAlone(lone);
                b.Should.Statistics(coalesceEvents: 2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-007",
            Section = "STAT",
            Title = "Aborts counts each exception segment once; timer flushes are not aborts",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, one carrying IPv4 options (NOP NOP "
                + "NOP EOL), two plain, one with URG set (urgent pointer 10), two plain, one with a bad IPv4 header "
                + "checksum, two plain: eleven frames min(spacing, interval/11) apart (27.3 us at the defaults); "
                + "then two drain intervals of silence (the last unit is flushed by the timer).",
            Level = RequirementLevel.Must,
            Requirement = "MUST: Aborts is exactly 3: one per segment that may never be coalesced (IPv4 options, "
                + "URG, bad IP checksum), each counted once even though it also ends an open unit; the timer flush "
                + "is not an abort. SHOULD: the plain pairs coalesce.",
            Source = "OID, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 11);
                var f = b.V4();
                var u0 = f.Segments(2);
                f.Data(Mss, s => s with { Ipv4Options = [1, 1, 1, 0] }, "data 1448 IPv4 options");
                var u1 = f.Segments(2);
                f.Data(Mss, s => s with { Flags = Rsc.Harness.Core.Net.TcpFlags.Ack | Rsc.Harness.Core.Net.TcpFlags.Urg, UrgentPointer = 10 }, "data 1448 URG");
                var u2 = f.Segments(2);
                f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Ip }, "data 1448 bad IP checksum");
                var u3 = f.Segments(2);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                b.Must.Statistics(aborts: 3);
                b.Should.MergedTogether(u0);
                b.Should.MergedTogether(u1);
                b.Should.MergedTogether(u2);
                b.Should.MergedTogether(u3);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-008",
            Section = "STAT",
            Title = "Aborts counts one per unit-ending event of every kind",
            Description = "Baseline IPv4 flow with aligned timestamps (TSval rising by 1 per segment), five short "
                + "bursts separated by two drain intervals of silence, each ended by exactly one event: (1) two "
                + "in-order 1448-byte segments, then one with DSCP 10 (kept from then on); (2) two segments, then one "
                + "with TSval 10 below the previous; (3) a pure ACK advancing the ACK number by 1448, then an in-order "
                + "segment; (4) two segments, then a pure ACK advancing the ACK number by 1448; (5) two segments, "
                + "then a duplicate ACK. No segment that may never be coalesced. Frames min(spacing, interval/3) "
                + "apart (100 us at the defaults), so each burst fits in one interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD (the counts presume the bursts coalesced): each event ends its flow's open unit "
                + "for a reason other than size or the timer, so Aborts is exactly 5, one per event; CoalescedPkts 8, "
                + "CoalescedOctets 11584, CoalesceEvents 4.",
            Source = "OID, E, R",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4().WithTimestamps(1000);
                var u0 = f.Segments(2);
                f.Dscp = 10;
                f.Data(Mss, label: "data 1448 DSCP 10");
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var u1 = f.Segments(2);
                f.TsVal -= 10;
                f.Data(Mss, label: "data 1448 TSval back");
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                f.Ack += Mss;
                f.PureAck(label: "advancing ACK");
                f.Data(Mss, label: "data 1448 after pure ACK");
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var u3 = f.Segments(2);
                f.Ack += Mss;
                f.PureAck(label: "advancing ACK");
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                var u4 = f.Segments(2);
                f.PureAck(label: "dup ACK");
                b.Should.Statistics(coalescedPackets: 8, coalescedOctets: 8 * Mss, coalesceEvents: 4, aborts: 5);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(u0);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(u1);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(u3);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(u4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-009",
            Section = "STAT",
            Title = "Splitting a unit at the size limit is not an abort",
            Description = "Baseline IPv4 flow: 46 in-order 1448-byte segments min(spacing, interval/46) apart "
                + "(6.5 us at the defaults), all within one drain interval; the unit reaches the 65535-byte limit "
                + "after 45 segments and the 46th starts a new one.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the size limit is not an abort (Aborts 0). SHOULD: the first 45 segments form one "
                + "coalesced unit and the 46th is delivered as a unit of one, so CoalescedPkts 45, CoalescedOctets "
                + "65160, CoalesceEvents 1.",
            Source = "OID, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 46);
                var f = b.V4();
                var segments = f.Segments(46);
                b.Must.Statistics(aborts: 0);
                b.Should.Statistics(coalescedPackets: 45, coalescedOctets: 45 * Mss, coalesceEvents: 1);
                b.Should.MergedTogether(segments[..45]);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-010",
            Section = "STAT",
            Title = "Later IPv4 and IPv6 fragments count as aborts",
            Description = "IPv4 flow sent without DF and the baseline IPv6 flow, one after the other. IPv4: two in-order "
                + "1448-byte segments, then the next segment sent as if it were a later fragment (MF clear, fragment "
                + "offset 185) without the sender moving past it, then two in-order segments continuing after the "
                + "second. IPv6: the same, the odd frame carrying an 8-byte fragment header with offset 185 and M clear. "
                + "Ten frames min(spacing, interval/10) apart (30 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: Aborts counts each fragment, a segment that may never be coalesced, even one that "
                + "belongs to no flow (here 2). SHOULD: the fragments end no unit, so each flow's four segments "
                + "form one unit: CoalescedPkts 8, CoalescedOctets 11584, CoalesceEvents 2.",
            Source = "OID, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 10);
                var f = b.V4();
                Func<SegmentSpec, SegmentSpec> noDf = s => s with { DontFragment = false };
                var a0 = f.Data(Mss, noDf, "data 1448 no-DF");
                var a1 = f.Data(Mss, noDf, "data 1448 no-DF");
                b.Traffic.Add(noDf(f.Next(Mss)) with { FragmentOffset = 185 }, "fragment offset 185");
                var a3 = f.Data(Mss, noDf, "data 1448 no-DF");
                var a4 = f.Data(Mss, noDf, "data 1448 no-DF");
                var g = b.V6();
                var e0 = g.Data(Mss);
                var e1 = g.Data(Mss);
                b.Traffic.Mangled(
                    g.Next(Mss) with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.Fragment)] },
                    "IPv6 fragment offset 185",
                    WithIpv6FragmentOffset185);
                var e3 = g.Data(Mss);
                var e4 = g.Data(Mss);
                b.Must.Statistics(aborts: 2);
                b.Should.Statistics(coalescedPackets: 8, coalescedOctets: 8 * Mss, coalesceEvents: 2);
                b.Should.MergedTogether(a0, a1, a3, a4);
                b.Should.As(BehaviourRules.Ipv6Coalescing).MergedTogether(e0, e1, e3, e4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-011",
            Section = "STAT",
            Title = "A two-byte option (SACK permitted) counts as an abort",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third carrying NOP NOP and SACK "
                + "permitted (kind 4, length 2), then two plain ones; five frames min(spacing, interval/5) apart (60 "
                + "us at the defaults), all within one drain interval; then two drain intervals of silence.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a TCP option other than timestamps may never be coalesced, however "
                + "short the option, so Aborts is exactly 1. SHOULD: the plain pairs coalesce.",
            Source = "OID, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V4();
                var u0 = f.Segments(2);
                f.Data(Mss, s => s with { Options = [new RawOption([1, 1, 4, 2])] }, "data 1448 SACK permitted");
                var u1 = f.Segments(2);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                b.Must.Statistics(aborts: 1);
                b.Should.MergedTogether(u0);
                b.Should.MergedTogether(u1);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-STAT-012",
            Section = "STAT",
            Title = "Data whose ACK number goes backwards ends the unit and counts as an abort",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments with ACK number A, then three in-order "
                + "segments with ACK number A - 1000; five frames min(spacing, interval/5) apart (60 us at the "
                + "defaults), all within one drain interval; then two drain intervals of silence.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD (the counts presume the reading of RSC-SEQ-006 and the units coalesced): the "
                + "segment whose ACK number goes backwards ends the open unit for a reason other than size or the "
                + "timer, so Aborts is exactly 1; CoalescedPkts 5, CoalescedOctets 7240, CoalesceEvents 2.",
            Source = "OID, R",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V4();
                var u0 = f.Segments(2);
                f.Ack -= 1000;
                var u1 = f.Segments(3);
                b.Traffic.Wait(2 * ctx.DrainIntervalNs);
                b.Should.Statistics(coalescedPackets: 5, coalescedOctets: 5 * Mss, coalesceEvents: 2, aborts: 1);
                b.Should.MergedTogether(u0);
                b.Should.MergedTogether(u1);
                return b.Done();
            },
        },
    ];

    /// <summary>Sets the offset of the fragment header right after the fixed IPv6 header to 185 (M stays clear).</summary>
    private static byte[] WithIpv6FragmentOffset185(byte[] frame)
    {
        var f = (byte[])frame.Clone();
        const int fragmentOffsetField = 14 + 40 + 2;
        f[fragmentOffsetField] = (185 << 3) >> 8;
        f[fragmentOffsetField + 1] = (185 << 3) & 0xFF;
        return f;
    }
}
