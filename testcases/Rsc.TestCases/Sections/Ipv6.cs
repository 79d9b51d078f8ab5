using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>IPV6: IPv6 coalescing, extension headers, flow label, traffic class, hop limit.</summary>
internal static class Ipv6
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-IPV6-001",
            Section = "IPV6",
            Title = "Three in-order IPv6 segments form one coalesced unit",
            Description = "Baseline flow over IPv6 (no extension headers, flow label 0): three in-order 1448-byte "
                + "segments, min(spacing, interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Should,
            Requirement = "SHOULD: in-order IPv6 segments coalesce into one unit reporting 3 segments and 0 "
                + "duplicate ACKs (gso_type TCPV6).",
            Source = "R, IPH, VS",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V6();
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
            Id = "RSC-IPV6-002",
            Section = "IPV6",
            Title = "A segment with a hop-by-hop options header is delivered alone",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third carrying an 8-byte "
                + "hop-by-hop options header (PadN), then two plain ones. Five frames min(spacing, interval/5) "
                + "apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with IPv6 extension headers is never coalesced; data cached before it is "
                + "delivered first.",
            Source = "E",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => WithExtension(s, Ipv6ExtensionKind.HopByHop), "data 1448 HBH"),
                ipv6: true),
        },
        new()
        {
            Id = "RSC-IPV6-003",
            Section = "IPV6",
            Title = "A flow label change ends the unit",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments with flow label 0x12345, then three "
                + "with flow label 0x0ABCD. Five frames min(spacing, interval/5) apart (60 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: IPv6 segments whose flow label differs are never merged. SHOULD: the segments on "
                + "each side of the change coalesce among themselves.",
            Source = "IPH",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V6();
                f.FlowLabel = 0x12345;
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.FlowLabel = 0x0ABCD;
                var l2 = f.Data(Mss);
                var l3 = f.Data(Mss);
                var l4 = f.Data(Mss);
                b.Must.NotMergedTogether(d1, l2);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(l2, l3, l4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IPV6-004",
            Section = "IPV6",
            Title = "Varying hop limit: the unit keeps the minimum",
            Description = "Baseline IPv6 flow: three in-order 1448-byte segments with hop limits 64, 50 and 63. "
                + "Three frames, min(spacing, interval/3) apart (100 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a coalesced IPv6 unit carries the smallest hop limit of its segments (here 50). "
                + "SHOULD: the difference does not stop coalescing.",
            Source = "IPH",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V6();
                var d0 = f.Data(Mss);
                var low = f.Data(Mss, s => s with { Ttl = 50 }, "data 1448 hop limit 50");
                var d2 = f.Data(Mss, s => s with { Ttl = 63 }, "data 1448 hop limit 63");
                b.Must.Header(low, "IPH.hop-limit-minimum", "the frame holding the hop-limit-50 segment has hop limit 50",
                    p => p.TtlOrHopLimit == 50 ? null : $"hop limit {p.TtlOrHopLimit}, expected 50");
                b.Should.MergedTogether(d0, low, d2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IPV6-005",
            Section = "IPV6",
            Title = "A traffic class change ends the unit",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments with traffic class 0, then three "
                + "with DSCP 10 (AF11). Five frames min(spacing, interval/5) apart (60 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: IPv6 segments whose traffic class differs are never merged. SHOULD: the segments "
                + "on each side of the change coalesce among themselves.",
            Source = "IPH",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V6();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.Dscp = 10;
                var c2 = f.Data(Mss);
                var c3 = f.Data(Mss);
                var c4 = f.Data(Mss);
                b.Must.NotMergedTogether(d1, c2);
                b.Should.MergedTogether(d0, d1);
                b.Should.MergedTogether(c2, c3, c4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-IPV6-006",
            Section = "IPV6",
            Title = "Segments with a destination options header are never coalesced",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third carrying an 8-byte "
                + "destination options header (PadN), then two plain ones. Five frames min(spacing, interval/5) "
                + "apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with any IPv6 extension header is never coalesced; data cached before it "
                + "is delivered first.",
            Source = "E",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => WithExtension(s, Ipv6ExtensionKind.DestinationOptions), "data 1448 DSTOPT"),
                ipv6: true),
        },
        new()
        {
            Id = "RSC-IPV6-007",
            Section = "IPV6",
            Title = "A segment with a routing header is delivered alone",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third carrying an 8-byte routing "
                + "header (unknown type 4, segments left 0, so receivers ignore it), then two plain ones. Five "
                + "frames min(spacing, interval/5) apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with an IPv6 extension header (here routing) is never coalesced; data "
                + "cached before it is delivered first and the flow's order is kept. SHOULD: the plain segments on "
                + "each side coalesce.",
            Source = "E, IPH",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => WithExtension(s, Ipv6ExtensionKind.Routing), "data 1448 routing header"),
                ipv6: true),
        },
        new()
        {
            Id = "RSC-IPV6-008",
            Section = "IPV6",
            Title = "A segment with a fragment header is delivered alone",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third carrying an 8-byte fragment "
                + "header describing an atomic fragment (offset 0, M clear), then two plain ones. Five frames "
                + "min(spacing, interval/5) apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with an IPv6 extension header (here fragment) is never coalesced, even an "
                + "atomic fragment that holds the whole TCP segment; it arrives alone and in order. SHOULD: the "
                + "plain segments on each side coalesce.",
            Source = "E, IPH",
            NotApplicable = NeedsIpv6Coalescing,
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => WithExtension(s, Ipv6ExtensionKind.Fragment), "data 1448 fragment header"),
                ipv6: true),
        },
    ];

    private static SegmentSpec WithExtension(SegmentSpec s, Ipv6ExtensionKind kind) =>
        s with { ExtensionHeaders = [new Ipv6ExtensionHeader(kind)] };

    internal static string? NeedsIpv6Coalescing(DeviceCapabilities capabilities) =>
        capabilities.CoalescesIpv6 ? null : "the device does not coalesce IPv6";
}
