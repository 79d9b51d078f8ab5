using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
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
            Build = ctx => InOrderRun.Merged(ctx, ipv6: true, behaviour: BehaviourRules.Ipv6Coalescing, oneGuestFrame: true),
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
            Build = ctx => FieldChange.EndsTheUnit(ctx, ipv6: true, setup: f => f.FlowLabel = 0x12345, change: f => f.FlowLabel = 0x0ABCD),
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
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V6();
                var d0 = f.Data(Mss);
                var low = f.Data(Mss, s => s with { Ttl = 50 }, "data 1448 hop limit 50");
                var d2 = f.Data(Mss, s => s with { Ttl = 63 }, "data 1448 hop limit 63");
                b.Must.Header(low, "IPH.hop-limit-minimum", "the frame holding the hop-limit-50 segment has hop limit 50",
                    p => p.TtlOrHopLimit == 50 ? null : $"hop limit {p.TtlOrHopLimit}, expected 50");
                b.Should.As(BehaviourRules.MergeAcrossTtl).MergedTogether(d0, low, d2);
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
            Build = ctx => FieldChange.EndsTheUnit(ctx, ipv6: true, change: f => f.Dscp = 10),
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
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => WithExtension(s, Ipv6ExtensionKind.Fragment), "data 1448 fragment header"),
                ipv6: true),
        },
        new()
        {
            Id = "RSC-IPV6-009",
            Section = "IPV6",
            Title = "A segment with a 16-byte destination options header is delivered alone",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third carrying a 16-byte "
                + "destination options header (Hdr Ext Len 1, PadN), then two plain ones. Five frames min(spacing, "
                + "interval/5) apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with an IPv6 extension header of any length is never coalesced; the unit "
                + "cached before it is delivered first, then the segment alone, in the flow's order. SHOULD: the next "
                + "data starts a new unit with the segment after it.",
            Source = "E, IPH",
            Build = ctx => Sandwich.Around(
                ctx,
                (f, t) => SendMangled(f, t, s => WithExtension(s, Ipv6ExtensionKind.DestinationOptions),
                    "data 1448 DSTOPT 16", WidenFirstExtensionTo16),
                ipv6: true),
        },
        new()
        {
            Id = "RSC-IPV6-010",
            Section = "IPV6",
            Title = "A segment behind an authentication header is delivered alone",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third whose TCP segment follows a "
                + "24-byte authentication header (Next Header 51, SPI 256, sequence 1, 12-byte zero ICV), then two "
                + "plain ones. Five frames min(spacing, interval/5) apart (60 us at the defaults), all within one "
                + "drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: IPsec-protected traffic and segments with IPv6 extension headers are never "
                + "coalesced; the AH segment arrives alone and unchanged. SHOULD: the plain segments on each side "
                + "coalesce.",
            Source = "E, R",
            Build = ctx => Sandwich.Around(
                ctx,
                (f, t) => SendMangled(f, t, s => s, "data 1448 AH", InsertAuthenticationHeader),
                ipv6: true,
                inFlow: false),
        },
        new()
        {
            Id = "RSC-IPV6-011",
            Section = "IPV6",
            Title = "FIN on an IPv6 flow: cached data first, the FIN segment alone",
            Description = "Baseline IPv6 flow: three in-order 1448-byte segments, then a fourth in-order 1448-byte "
                + "segment carrying FIN. Four frames min(spacing, interval/4) apart (75 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with FIN is never coalesced, over IPv6 as over IPv4; the data cached "
                + "before it is delivered first, then the FIN segment on its own.",
            Source = "E, EX",
            Build = ctx => TcpFlags.FinAfterData(ctx, ipv6: true),
        },
        new()
        {
            Id = "RSC-IPV6-012",
            Section = "IPV6",
            Title = "A segment with a SACK option on an IPv6 flow is delivered alone",
            Description = "Baseline IPv6 flow: two in-order 1448-byte segments, a third carrying NOP NOP and a SACK "
                + "option with one block, then two plain ones. Five frames min(spacing, interval/5) apart (60 us at "
                + "the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a TCP option other than timestamps is never coalesced, over IPv6 as "
                + "over IPv4; the unit before it is delivered first. SHOULD: the plain segments on each side "
                + "coalesce.",
            Source = "E",
            Build = ctx => Sandwich.Around(
                ctx,
                (f, _) => f.Data(Mss, s => s with
                {
                    Options = [TcpOption.Nop, TcpOption.Nop, new SackOption([(s.Ack + 1000, s.Ack + 2000)])],
                }, "data 1448 SACK"),
                ipv6: true),
        },
    ];

    private const int Ipv6Header = 14;
    private const int Ipv6Payload = Ipv6Header + 40;

    /// <summary>Schedules the flow's next 1448-byte segment as a byte-edited frame and advances the sender past it.</summary>
    private static ScheduledFrame SendMangled(
        FlowCursor flow, TrafficBuilder traffic, Func<SegmentSpec, SegmentSpec> change, string label, Func<byte[], byte[]> mangle)
    {
        var spec = change(flow.Next(Mss));
        var frame = traffic.Mangled(spec, label, mangle);
        flow.NextSeq = spec.NextSeq;
        flow.IpId++;
        return frame;
    }

    /// <summary>Turns the first 8-byte extension header into a 16-byte one (Hdr Ext Len 1, a further PadN).</summary>
    private static byte[] WidenFirstExtensionTo16(byte[] frame) =>
        InsertAfterFixedHeader(frame, 8, [1, 6, 0, 0, 0, 0, 0, 0], f => f[Ipv6Payload + 1] = 1);

    private static byte[] InsertAuthenticationHeader(byte[] frame)
    {
        byte[] ah = [6, 4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        return InsertAfterFixedHeader(frame, 0, ah, f => f[Ipv6Header + 6] = 51);
    }

    private static byte[] InsertAfterFixedHeader(byte[] frame, int skip, byte[] bytes, Action<byte[]> fix)
    {
        int at = Ipv6Payload + skip;
        var f = new byte[frame.Length + bytes.Length];
        frame.AsSpan(0, at).CopyTo(f);
        bytes.CopyTo(f, at);
        frame.AsSpan(at).CopyTo(f.AsSpan(at + bytes.Length));
        int payloadLength = (f[Ipv6Header + 4] << 8) | f[Ipv6Header + 5];
        payloadLength += bytes.Length;
        f[Ipv6Header + 4] = (byte)(payloadLength >> 8);
        f[Ipv6Header + 5] = (byte)payloadLength;
        fix(f);
        return f;
    }

    private static SegmentSpec WithExtension(SegmentSpec s, Ipv6ExtensionKind kind) =>
        s with { ExtensionHeaders = [new Ipv6ExtensionHeader(kind)] };
}
