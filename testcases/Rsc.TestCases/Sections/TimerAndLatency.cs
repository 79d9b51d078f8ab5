using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>TIMER: nothing is held past the drain interval; the interval sets the coalescing ratio.</summary>
internal static class TimerAndLatency
{
    private const long WhqlSpacingNs = 100_000;
    private const int RatioSegments = 30;

    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-TIMER-001",
            Section = "TIMER",
            Title = "A lone segment is delivered within the drain interval",
            Description = "Baseline IPv4 flow: one 1448-byte segment and nothing after it.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a cached segment is not held longer than the drain interval, even when no further "
                + "traffic arrives; a unit of one segment is delivered unchanged.",
            Source = "R, SEED, IND",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx);
                var d0 = b.V4().Data(Mss);
                b.Must.DeliveredAlone(d0);
                b.Must.GuestFrameCount(1);
                b.Must.As(BehaviourRules.DrainTimer).LatencyAtMost(ctx.DrainIntervalNs);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-TIMER-002",
            Section = "TIMER",
            Title = "The tail of a burst is flushed by the timer",
            Description = "Drain interval pinned at 300 us. Baseline IPv4 flow: six in-order 1448-byte segments 80 "
                + "us apart (0 to 400 us). The first four arrive before the timer started by the first fires at 300 "
                + "us; the last two form the tail, with no traffic behind them.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the tail is delivered by the timer within the interval, not held until more "
                + "traffic comes. SHOULD: the first four and the last two each coalesce.",
            Source = "R, SEED",
            DrainIntervalNs = 300_000,
            SpacingNs = 80_000,
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                var d3 = f.Data(Mss);
                var t4 = f.Data(Mss);
                var t5 = f.Data(Mss);
                b.Must.As(BehaviourRules.DrainTimer).LatencyAtMost(ctx.DrainIntervalNs);
                b.Should.As(BehaviourRules.DrainTimer).MergedTogether(d0, d1, d2, d3);
                b.Should.As(BehaviourRules.DrainTimer).MergedTogether(t4, t5);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-TIMER-003",
            Section = "TIMER",
            Title = "Ratio at 100 us spacing, 50 us interval: nothing merges",
            Description = $"Drain interval pinned at 50 us, spacing at 100 us. Baseline IPv4 flow: {RatioSegments} in-order "
                + "1448-byte segments. Each must leave before the next arrives.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: no segment is held past the 50 us interval. SHOULD: consequently every segment is "
                + $"delivered alone ({RatioSegments} guest frames, ratio 1).",
            Source = "R, SEED",
            DrainIntervalNs = 50_000,
            SpacingNs = WhqlSpacingNs,
            Build = ctx => Ratio(ctx, RatioSegments, RatioSegments),
        },
        new()
        {
            Id = "RSC-TIMER-004",
            Section = "TIMER",
            Title = "Ratio at 100 us spacing, 300 us interval: about 3",
            Description = $"Drain interval pinned at 300 us (the QEMU default), spacing at 100 us. Baseline IPv4 flow: "
                + $"{RatioSegments} in-order 1448-byte segments.",
            Level = RequirementLevel.Should,
            Requirement = "MUST: no segment is held past 300 us. SHOULD: segments coalesce about interval/spacing = "
                + "3 to a unit (10 to 12 guest frames).",
            Source = "R, SEED",
            DrainIntervalNs = 300_000,
            SpacingNs = WhqlSpacingNs,
            Build = ctx => Ratio(ctx, 10, 12),
        },
        new()
        {
            Id = "RSC-TIMER-005",
            Section = "TIMER",
            Title = "Ratio at 100 us spacing, 1000 us interval: about 10",
            Description = $"Drain interval pinned at 1000 us (the virtio-win recommendation), spacing at 100 us. "
                + $"Baseline IPv4 flow: {RatioSegments} in-order 1448-byte segments.",
            Level = RequirementLevel.Should,
            Requirement = "MUST: no segment is held past 1000 us. SHOULD: segments coalesce about interval/spacing "
                + "= 10 to a unit (3 or 4 guest frames).",
            Source = "R, SEED",
            DrainIntervalNs = 1_000_000,
            SpacingNs = WhqlSpacingNs,
            Build = ctx => Ratio(ctx, 3, 4),
        },
        new()
        {
            Id = "RSC-TIMER-006",
            Section = "TIMER",
            Title = "Lone segments of IPv4 and IPv6 flows are each delivered in time",
            Description = "Four flows (two IPv4, two IPv6, alternating), one 1448-byte segment each, 100 us apart, "
                + "then silence.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: whatever timers a device keeps (per flow, per IP version or global), no segment of "
                + "any flow is held longer than the drain interval.",
            Source = "R, SEED",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx);
                b.V4(0).Data(Mss);
                b.V6(1).Data(Mss);
                b.V4(2).Data(Mss);
                b.V6(3).Data(Mss);
                b.Must.As(BehaviourRules.DrainTimer).LatencyAtMost(ctx.DrainIntervalNs);
                b.Must.GuestFrameCount(4);
                return b.Done();
            },
        },
    ];

    /// <summary>Evenly spaced in-order data; the guest frame count shows the coalescing ratio.</summary>
    private static CaseTraffic Ratio(CaseContext ctx, int minFrames, int maxFrames)
    {
        var b = new CaseBuilder(ctx);
        b.V4().Segments(RatioSegments);
        b.Must.As(BehaviourRules.DrainTimer).LatencyAtMost(ctx.DrainIntervalNs);
        b.Should.As(BehaviourRules.DrainTimer).GuestFrameCount(minFrames, maxFrames);
        return b.Done();
    }
}
