using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>IP: IPv4 header fields that must match, be derived, or prevent coalescing.</summary>
internal static class IpExceptions
{
    private const byte Ect0 = 2;
    private const byte Ce = 3;
    private const byte Expedited = 46;
    private const int FragmentedPayload = 1428;
    private const int FirstFragmentPayload = 980; // + 20-byte TCP header = 1000, a multiple of 8

    /// <summary>Router Alert (RFC 2113): a harmless, common IPv4 option.</summary>
    private static readonly byte[] RouterAlert = [0x94, 0x04, 0x00, 0x00];

    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-IP-001",
            Section = "IP",
            Title = "Segments with the same ECN codepoint coalesce",
            Description = "Baseline IPv4 flow with ECN ECT(0) on every segment: three in-order 1448-byte segments "
                + "min(spacing, interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: segments whose ECN field is identical are coalesced as usual.",
            Source = "E, IPH",
            Build = ctx => InOrderRun.Merged(ctx, setup: f => f.Ecn = Ect0),
        },
        new()
        {
            Id = "RSC-IP-002",
            Section = "IP",
            Title = "A CE-marked segment in an ECT flow is merged with neither neighbour",
            Description = "Baseline IPv4 flow with ECN ECT(0): two in-order 1448-byte segments, a third marked CE "
                + "(congestion experienced), then two more ECT(0). Five frames min(spacing, interval/5) apart (60 "
                + "us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments whose ECN field differs are never merged, so the CE segment arrives alone.",
            Source = "E, IPH",
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => s with { Ecn = Ce }, "data 1448 CE"),
                setup: f => f.Ecn = Ect0),
        },
        new()
        {
            Id = "RSC-IP-003",
            Section = "IP",
            Title = "A DSCP change ends the unit",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments with DSCP 0, then three with DSCP 46 "
                + "(EF). Five frames min(spacing, interval/5) apart (60 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments whose DSCP differs are never merged. SHOULD: the segments on each side of "
                + "the change coalesce among themselves.",
            Source = "IPH, R",
            Build = ctx => FieldChange.EndsTheUnit(ctx, change: f => f.Dscp = Expedited),
        },
        new()
        {
            Id = "RSC-IP-004",
            Section = "IP",
            Title = "A change of the DF bit ends the unit",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments with DF set, then three with DF "
                + "clear (not fragmented). Five frames min(spacing, interval/5) apart (60 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments whose DF bit differs are never merged. SHOULD: the segments on each side "
                + "of the change coalesce among themselves.",
            Source = "IPH",
            Build = ctx => FieldChange.EndsTheUnit(ctx, edit: s => s with { DontFragment = false }, label: "data 1448 no-DF"),
        },
        new()
        {
            Id = "RSC-IP-005",
            Section = "IP",
            Title = "Varying TTL: the unit keeps the minimum",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments with TTL 64, 60 and 63. Three "
                + "frames min(spacing, interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a coalesced unit carries the smallest TTL of its segments (here 60). SHOULD: a TTL "
                + "difference does not stop coalescing.",
            Source = "IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var low = f.Data(Mss, s => s with { Ttl = 60 }, "data 1448 TTL 60");
                var d2 = f.Data(Mss, s => s with { Ttl = 63 }, "data 1448 TTL 63");
                b.Must.Header(low, "IPH.ttl-minimum", "the frame holding the TTL-60 segment has TTL 60",
                    p => p.TtlOrHopLimit == 60 ? null : $"TTL {p.TtlOrHopLimit}, expected 60");
                b.Should.As(BehaviourRules.MergeAcrossTtl).MergedTogether(d0, low, d2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IP-006",
            Section = "IP",
            Title = "The unit carries the first segment's IP ID",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments with IP IDs 2000, 1000 and 3000 "
                + "(the first is neither the smallest, the largest nor the last). Three frames min(spacing, "
                + "interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a coalesced IPv4 unit carries the IP ID of its first segment. SHOULD: IP IDs that "
                + "do not increase do not stop coalescing when DF is set.",
            Source = "IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                var first = f.Data(Mss, s => s with { IpId = 2000 }, "data 1448 id 2000");
                var d1 = f.Data(Mss, s => s with { IpId = 1000 }, "data 1448 id 1000");
                var d2 = f.Data(Mss, s => s with { IpId = 3000 }, "data 1448 id 3000");
                b.Must.Header(first, "IPH.ip-id-first", "the frame holding the first segment has IP ID 2000",
                    p => p.IpId == 2000 ? null : $"IP ID {p.IpId}, expected 2000");
                b.Should.As(BehaviourRules.MergeAnyIpId).MergedTogether(first, d1, d2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IP-007",
            Section = "IP",
            Title = "Segments with IPv4 options are never coalesced",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, two in-order segments carrying the "
                + "Router Alert IPv4 option, then two plain ones. Six frames min(spacing, interval/6) apart (50 us "
                + "at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with IPv4 options is delivered alone, even next to an identical one; "
                + "data cached before it is delivered first.",
            Source = "E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var o2 = f.Data(Mss, s => s with { Ipv4Options = RouterAlert }, "data 1448 IP options");
                var o3 = f.Data(Mss, s => s with { Ipv4Options = RouterAlert }, "data 1448 IP options");
                var d4 = f.Data(Mss);
                var d5 = f.Data(Mss);
                b.Must.DeliveredAlone(o2, o3);
                b.Must.DeliveredInOrder(d1, o2);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(d4, d5);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IP-008",
            Section = "IP",
            Title = "IPv4 fragments pass through untouched",
            Description = "IPv4 flow sent without DF: two in-order 1448-byte segments; then a 1428-byte segment "
                + "sent as two IPv4 fragments: the first (MF set, offset 0) holds the TCP header and 980 bytes, its "
                + "sequence number fits the unit and its TCP checksum is made to verify over the fragment alone, so "
                + "MF is the only thing that tells it from a plain segment; the second holds the remaining 448 "
                + "bytes at offset 1000; then two in-order segments after it. Six frames min(spacing, interval/6) "
                + "apart (50 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: IPv4 fragments are never coalesced, not even a first fragment that looks like the "
                + "next segment, and reach the guest unchanged. SHOULD: the flow coalesces on both sides of them.",
            Source = "E, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var f = b.V4();
                Func<SegmentSpec, SegmentSpec> noDf = s => s with { DontFragment = false };
                var d0 = f.Data(Mss, noDf, "data 1448 no-DF");
                var d1 = f.Data(Mss, noDf, "data 1448 no-DF");
                var whole = noDf(f.Next(FragmentedPayload));
                var head = FrameBuilder.Build(whole with { Payload = whole.Payload[..FirstFragmentPayload], MoreFragments = true });
                var (_, tail) = FrameEdits.Fragment(FrameBuilder.Build(whole), 20 + FirstFragmentPayload);
                var frag1 = b.Traffic.Raw(head, "fragment MF offset 0");
                var frag2 = b.Traffic.Raw(tail, "fragment offset 1000");
                // The sender moved past the fragmented segment.
                f.NextSeq = whole.NextSeq;
                f.IpId++;
                var d3 = f.Data(Mss, noDf, "data 1448 no-DF");
                var d4 = f.Data(Mss, noDf, "data 1448 no-DF");
                b.Must.DeliveredAlone(frag1, frag2);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(d3, d4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IP-009",
            Section = "IP",
            Title = "A complete segment with MF set is never coalesced",
            Description = "IPv4 flow sent without DF: two in-order 1448-byte segments; a third in-order 1448-byte "
                + "segment whose IPv4 header has MF set (offset 0) but which carries the whole TCP segment, so its "
                + "TCP checksum verifies and MF is the only thing that tells it from a plain segment; then three more "
                + "plain segments. Six frames min(spacing, interval/6) apart (50 us at the defaults), all within "
                + "one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: segments with MF set are never merged (IPv4 fragments are an exception) and reach "
                + "the guest unchanged. SHOULD: the flow coalesces before it and again after it.",
            Source = "E, IPH",
            Build = ctx => Fragmented(ctx, s => s with { MoreFragments = true }, "data 1448 MF"),
        },
        new()
        {
            Id = "RSC-IP-010",
            Section = "IP",
            Title = "A segment with a nonzero fragment offset is never coalesced",
            Description = "IPv4 flow sent without DF: two in-order 1448-byte segments; a third in-order 1448-byte "
                + "segment whose IPv4 header has MF clear and fragment offset 185 (1480 bytes: it looks like the "
                + "last fragment of a datagram) although its payload starts with a valid TCP header that fits the "
                + "unit; then three more plain segments. Six frames min(spacing, interval/6) apart (50 us at the "
                + "defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a fragment with a nonzero offset is never merged (a device checking only MF would "
                + "merge it) and reaches the guest unchanged. SHOULD: the flow coalesces before it and again after it.",
            Source = "E, IPH",
            Build = ctx => Fragmented(ctx, s => s with { FragmentOffset = 185 }, "data 1448 fragment offset 185"),
        },
    ];

    /// <summary>Two plain segments, the fragment under test (advancing the sender), three plain segments; no DF anywhere.</summary>
    private static CaseTraffic Fragmented(CaseContext ctx, Func<SegmentSpec, SegmentSpec> fragment, string label)
    {
        var b = new CaseBuilder(ctx, framesInOneInterval: 6);
        var f = b.V4();
        Func<SegmentSpec, SegmentSpec> noDf = s => s with { DontFragment = false };
        var d0 = f.Data(Mss, noDf, "data 1448 no-DF");
        var d1 = f.Data(Mss, noDf, "data 1448 no-DF");
        var x = f.Data(Mss, s => fragment(noDf(s)), label);
        var d3 = f.Data(Mss, noDf, "data 1448 no-DF");
        var d4 = f.Data(Mss, noDf, "data 1448 no-DF");
        var d5 = f.Data(Mss, noDf, "data 1448 no-DF");
        b.Must.DeliveredAlone(x);
        b.Must.NotMergedTogether(d1, x);
        b.Must.NotMergedTogether(x, d3);
        b.Should.MergedTogether(d0, d1);
        // A fragment belongs to no flow, so d3 may look like data after a gap and be delivered on its own;
        // the segments after it coalesce either way.
        b.Should.MergedTogether(d4, d5);
        return b.Done();
    }
}
