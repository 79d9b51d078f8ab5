using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>SIZE: a coalesced IPv4 datagram never exceeds 65535 bytes.</summary>
internal static class Sizes
{
    private const int MaxDatagram = 65535;
    private const int FullSegments = 45; // 45 x 1448 = 65160 payload bytes
    private const int PlainHeaders = 20 + 20;
    private const int TimestampHeaders = 20 + 32;
    private const int TcpHeader = 20; // an IPv6 payload length counts only what follows the fixed header
    private const int JumboMss = 9000 - 20 - 20 - 12;

    /// <summary>Room for 45 full segments, one filler and one extra: the burst is squeezed into one interval.</summary>
    private const int BurstFrames = 64;

    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-SIZE-001",
            Section = "SIZE",
            Title = "A unit filled to exactly 65535 bytes",
            Description = "Baseline IPv4 flow, no options: 45 in-order 1448-byte segments and one of 335 bytes, so "
                + "the merged datagram is exactly 20 + 20 + 65495 = 65535 bytes. Segments are spaced interval/64 "
                + "(about 5 us at 300 us) so the whole burst arrives within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: a unit may grow to the full 65535-byte IP datagram; all 46 segments coalesce "
                + "into one unit reporting 46 segments.",
            Source = "E, R",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: BurstFrames);
                var f = b.V4();
                var all = Fill(f, MaxDatagram - PlainHeaders);
                b.Should.MergedTogether(all);
                b.Should.RscCounts(all[0], all.Length, 0);
                b.Should.GuestFrameCount(1);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-SIZE-002",
            Section = "SIZE",
            Title = "One byte over 65535 splits the unit",
            Description = "Baseline IPv4 flow, no options: 45 in-order 1448-byte segments, one of 336 bytes (one "
                + "byte more than fits in 65535), then one more 1448-byte segment. Spaced interval/64 so all 47 "
                + "arrive within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: merging never produces an IP datagram over 65535 bytes, so the 336-byte segment "
                + "does not join. SHOULD: it starts a new unit, which the segment after it joins.",
            Source = "E, R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: BurstFrames);
                return OneByteOver(b, b.V4(), MaxDatagram - PlainHeaders + 1);
            },
        },
        new()
        {
            Id = "RSC-SIZE-003",
            Section = "SIZE",
            Title = "The 65535-byte limit counts the timestamp option",
            Description = "Baseline IPv4 flow with aligned timestamps (32-byte TCP header): 45 in-order 1448-byte "
                + "segments and one of 323 bytes (exactly 65535 merged), then one 1-byte segment that no longer "
                + "fits. Spaced interval/64 so all 47 arrive within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the limit applies to the whole datagram including TCP options, so the 1-byte "
                + "segment does not join. SHOULD: the 46 segments that fit coalesce into one unit.",
            Source = "E, R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: BurstFrames);
                var f = b.V4().WithTimestamps(1000);
                var all = Fill(f, MaxDatagram - TimestampHeaders);
                var extra = f.Data(1);
                b.Must.NotMergedTogether(all[^1], extra);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(all);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-SIZE-004",
            Section = "SIZE",
            Title = "IPv6: a unit filled to a payload length of exactly 65535",
            Description = "Baseline IPv6 flow, no options: 45 in-order 1448-byte segments and one of 355 bytes, so "
                + "the merged segment's IPv6 payload length is exactly 20 + 65515 = 65535 (the 16-bit field; the "
                + "oracle's MaxIpDatagram bounds it for IPv6). Segments are spaced interval/64 (about 5 us at "
                + "300 us) so the whole burst arrives within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: an IPv6 unit may grow until its payload length field reaches 65535; all 46 "
                + "segments coalesce into one unit reporting 46 segments.",
            Source = "E, R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: BurstFrames);
                var f = b.V6();
                var all = Fill(f, MaxDatagram - TcpHeader);
                b.Should.As(BehaviourRules.Ipv6MaxPayload).MergedTogether(all);
                b.Should.As(BehaviourRules.Ipv6MaxPayload).RscCounts(all[0], all.Length, 0);
                b.Should.As(BehaviourRules.Ipv6MaxPayload).GuestFrameCount(1);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-SIZE-005",
            Section = "SIZE",
            Title = "IPv6: one byte over a payload length of 65535 splits the unit",
            Description = "Baseline IPv6 flow, no options: 45 in-order 1448-byte segments, one of 356 bytes (one byte "
                + "more than a 65535 payload length holds), then one more 1448-byte segment. Spaced interval/64 so "
                + "all 47 arrive within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: merging never produces an IPv6 payload length over 65535 (no jumbogram), so the "
                + "356-byte segment does not join. SHOULD: it starts a new unit, which the segment after it joins.",
            Source = "E, R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: BurstFrames);
                return OneByteOver(b, b.V6(), MaxDatagram - TcpHeader + 1);
            },
        },
        new()
        {
            Id = "RSC-SIZE-006",
            Section = "SIZE",
            Title = "Mixed segment sizes: the segment count is exact, not size / MSS",
            Description = "Baseline IPv4 flow: four in-order segments of 1448, 200, 1448 and 536 bytes (3632 bytes, "
                + "2.5 MSS). Four frames min(spacing, interval/4) apart (75 us at the defaults), all within one "
                + "drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a coalesced unit reports the number of data segments merged (here 4), not a count "
                + "estimated from its size and the MSS (3632 / 1448 gives 2 or 3), and gso_size is no larger than "
                + "the largest segment (1448). SHOULD: the four segments coalesce into one unit.",
            Source = "IPH, IND, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                ScheduledFrame[] all = [f.Data(Mss), f.Data(200), f.Data(Mss), f.Data(536)];
                b.Should.As(BehaviourRules.ContinueAfterShort).MergedTogether(all);
                b.Must.RscCountsIfMerged(all, 4, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-SIZE-007",
            Section = "SIZE",
            Title = "Jumbo frames: 8948-byte segments coalesce up to the 65535 limit",
            Description = "IPv4 flow on a 9000-byte MTU, no options: nine in-order 8948-byte segments (the MSS of a "
                + "9000-byte MTU with room for timestamps). Seven make a 20 + 20 + 62636 = 62676-byte datagram; "
                + "an eighth would exceed 65535. Nine frames min(spacing, interval/9) apart (33.3 us at the "
                + "defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the eighth segment does not join the first seven (the datagram would be 71624 "
                + "bytes). SHOULD: jumbo segments coalesce like any other: the first seven form one unit reporting "
                + "7 segments, and the eighth starts a new unit which the ninth joins.",
            Source = "E, R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 9);
                var f = b.V4();
                var all = f.Segments(9, JumboMss);
                var first = all[..7];
                b.Must.NotMergedTogether(all[6], all[7]);
                b.Should.MergedTogether(first);
                b.Should.RscCounts(all[0], 7, 0);
                b.Should.MergedTogether(all[7], all[8]);
                return b.Done();
            },
        },
    ];

    /// <summary>45 full segments plus one carrying the rest of <paramref name="payloadBytes"/>.</summary>
    /// <summary>
    /// Fills a unit to one byte past the limit, then sends one more segment: the overflowing segment
    /// must not join the full unit (MUST) and should start the next one (SHOULD).
    /// </summary>
    private static CaseTraffic OneByteOver(CaseBuilder b, FlowCursor f, int payloadBytes)
    {
        var all = Fill(f, payloadBytes);
        var next = f.Data(Mss);
        var full = all[..FullSegments];
        var over = all[^1];
        b.Must.NotMergedTogether(full[^1], over);
        b.Should.MergedTogether(full);
        // A device that ends a unit at a short segment (GRO) delivers the overflowing one alone.
        b.Should.As(BehaviourRules.ContinueAfterShort).MergedTogether(over, next);
        b.Should.As(BehaviourRules.ContinueAfterShort).CoalescedFrameCount(2);
        return b.Done();
    }

    private static ScheduledFrame[] Fill(FlowCursor flow, int payloadBytes)
    {
        var full = flow.Segments(FullSegments);
        return [.. full, flow.Data(payloadBytes - (FullSegments * Mss))];
    }
}
