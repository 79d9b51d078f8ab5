using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
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
            NotApplicable = NeedsStatistics,
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
            NotApplicable = NeedsStatistics,
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
            NotApplicable = NeedsStatistics,
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
    ];

    private static string? NeedsStatistics(DeviceCapabilities capabilities) =>
        capabilities.ProvidesStatistics ? null : "the device exposes no RSC counters";
}
