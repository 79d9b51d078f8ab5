using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
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
                var f = b.V4();
                var all = Fill(f, MaxDatagram - PlainHeaders + 1);
                var next = f.Data(Mss);
                var full = all[..FullSegments];
                var over = all[^1];
                b.Must.NotMergedTogether(full[^1], over);
                b.Should.MergedTogether(full);
                b.Should.MergedTogether(over, next);
                b.Should.CoalescedFrameCount(2);
                return b.Done();
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
            NotApplicable = TcpOptions.NeedsTimestampCoalescing,
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: BurstFrames);
                var f = b.V4().WithTimestamps(1000);
                var all = Fill(f, MaxDatagram - TimestampHeaders);
                var extra = f.Data(1);
                b.Must.NotMergedTogether(all[^1], extra);
                b.Should.MergedTogether(all);
                return b.Done();
            },
        },
    ];

    /// <summary>45 full segments plus one carrying the rest of <paramref name="payloadBytes"/>.</summary>
    private static ScheduledFrame[] Fill(FlowCursor flow, int payloadBytes)
    {
        var full = flow.Segments(FullSegments);
        return [.. full, flow.Data(payloadBytes - (FullSegments * Mss))];
    }
}
