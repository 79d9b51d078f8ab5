using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>CSUM: segments with a bad IP or TCP checksum are never coalesced nor validated.</summary>
internal static class Checksums
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-CSUM-001",
            Section = "CSUM",
            Title = "Bad IPv4 header checksum mid-stream",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third in-order one whose IPv4 "
                + "header checksum is wrong, then two more. Five frames min(spacing, interval/5) apart (60 us at "
                + "the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a bad IP checksum is never coalesced, reaches the guest unchanged "
                + "and is not marked as validated; data cached before it is delivered first.",
            Source = "E, IPH, VS",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Ip }, "data 1448 bad IP checksum")),
        },
        new()
        {
            Id = "RSC-CSUM-002",
            Section = "CSUM",
            Title = "Bad TCP checksums mid-stream, twice in a row",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, two consecutive in-order segments "
                + "whose TCP checksum is wrong, then two good ones. Six frames min(spacing, interval/6) apart (50 "
                + "us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments with a bad TCP checksum are never coalesced, not even with each other, "
                + "reach the guest unchanged and are not marked as validated; data cached before them is delivered "
                + "first.",
            Source = "E, IPH, VS",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var bad2 = f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Tcp }, "data 1448 bad TCP checksum");
                var bad3 = f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Tcp }, "data 1448 bad TCP checksum");
                var d4 = f.Data(Mss);
                var d5 = f.Data(Mss);
                b.Must.DeliveredAlone(bad2, bad3);
                b.Must.DeliveredInOrder(d1, bad2);
                b.Must.DeliveredInOrder(bad3, d4);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(d4, d5);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-CSUM-003",
            Section = "CSUM",
            Title = "Bad TCP checksum mid-stream over IPv6",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third in-order one whose TCP "
                + "checksum is wrong, then two more. Five frames min(spacing, interval/5) apart (60 us at the "
                + "defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: an IPv6 segment with a bad TCP checksum is never coalesced, reaches the guest "
                + "unchanged and is not marked as validated.",
            Source = "E, VS",
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Tcp }, "data 1448 bad TCP checksum"),
                ipv6: true),
        },
        new()
        {
            Id = "RSC-CSUM-004",
            Section = "CSUM",
            Title = "A bad TCP checksum right after a segment delivered alone is not marked validated",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a retransmission of the first (a "
                + "plain segment with valid checksums that is delivered alone), then the next in-order segment with a "
                + "wrong TCP checksum, then two good ones. Six frames min(spacing, interval/6) apart (50 us at the "
                + "defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a bad TCP checksum is never marked as validated (DATA_VALID), even "
                + "when the frame delivered just before it was a verified segment that may carry the mark; it "
                + "arrives alone and unchanged. SHOULD: the good pairs coalesce.",
            Source = "VS, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var again = f.Retransmit(d0.Segment!.Seq, Mss);
                var bad = f.Data(Mss, s => s with { ChecksumDamage = ChecksumDamage.Tcp }, "data 1448 bad TCP checksum");
                var d4 = f.Data(Mss);
                var d5 = f.Data(Mss);
                b.Must.DeliveredAlone(again, bad);
                b.Must.DeliveredInOrder(again, bad);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(d4, d5);
                return b.Done();
            },
        },
    ];
}
