using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>
/// MALF: unreadable or foreign frames mixed into a good flow reach the guest unchanged and do not
/// break the flow's coalescing. Each is derived from the flow's next segment and then broken in one
/// place; the sender does not advance past it.
/// </summary>
internal static class Malformed
{
    private const string Requirement = "MUST: a frame the device cannot read as a TCP segment is delivered alone and "
        + "unchanged, and the device keeps working. SHOULD: the bad frame belongs to no flow and ends no unit, so the "
        + "four good segments form one unit.";

    /// <summary>For bad TCP options: the TCP header is readable, so a device may also treat the frame as an exception of the flow.</summary>
    private const string OptionRequirement = "MUST: a frame the device cannot read as a TCP segment is delivered alone and "
        + "unchanged, and the device keeps working. SHOULD: the good segments on each side of it still coalesce (the "
        + "bad frame may end the flow's unit, as an exception of the flow).";

    private const int TruncatedLength = 14 + 20 + 12;

    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        Case(
            "RSC-MALF-001",
            "Truncated frame inside the TCP header",
            "The frame ends 12 bytes into the TCP header (46 bytes in all) while its IPv4 total length still "
                + "claims the full segment.",
            (f, _) => f.Malformed(Mss, "truncated", fr => FrameEdits.Truncate(fr, TruncatedLength))),
        Case(
            "RSC-MALF-002",
            "IPv4 header length below the minimum",
            "IHL is 3 (12 bytes), below the minimum of 5; the header checksum is otherwise valid.",
            (f, _) => f.Malformed(Mss, "IHL 3", fr => FrameEdits.WithIpv4HeaderLengthWords(fr, 3))),
        Case(
            "RSC-MALF-003",
            "IPv4 total length beyond the frame",
            "The IPv4 total length claims 200 bytes more than the frame holds; the header checksum is valid.",
            (f, _) => f.Malformed(Mss, "total length +200", fr =>
                FrameEdits.WithIpv4TotalLength(fr, FrameEdits.Ipv4TotalLength(fr) + 200))),
        Case(
            "RSC-MALF-004",
            "TCP data offset below the minimum",
            "The TCP data offset is 3 (12 bytes), below the minimum of 5; the TCP checksum is otherwise valid.",
            (f, _) => f.Malformed(Mss, "data offset 3", fr => FrameEdits.WithTcpDataOffsetWords(fr, 3))),
        Case(
            "RSC-MALF-005",
            "TCP option overrunning the header",
            "The 12-byte option area holds NOP, NOP and a timestamp option whose length byte says 40, running past "
                + "the end of the TCP header; checksums are valid.",
            (f, t) => WithRawOptions(f, t, [1, 1, 8, 40, 0, 0, 0, 0, 0, 0, 0, 0], "option overrun"),
            badOptions: true),
        Case(
            "RSC-MALF-006",
            "TCP option with length zero",
            "The 4-byte option area holds a timestamp option kind with length byte 0 (a parser that trusts it never "
                + "advances); checksums are valid.",
            (f, t) => WithRawOptions(f, t, [8, 0, 0, 0], "option length 0"),
            badOptions: true),
        Case(
            "RSC-MALF-007",
            "Non-IP frame between segments",
            "A 60-byte Ethernet frame with EtherType 0x88B5 (local experimental) addressed to the guest.",
            (f, t) => t.Raw(NonIpFrame(f.Spec), "EtherType 0x88b5")),
        Case(
            "RSC-MALF-008",
            "IPv4 datagram that is not TCP",
            "The segment's IPv4 protocol field is changed to 17 (UDP); the header checksum is valid.",
            (f, _) => f.Malformed(Mss, "protocol 17", fr => FrameEdits.WithIpv4Protocol(fr, 17))),
        Case(
            "RSC-MALF-009",
            "IP version 6 inside an IPv4 EtherType",
            "The IPv4 header's version nibble says 6 while the EtherType says IPv4.",
            (f, _) => f.Malformed(Mss, "version 6 in IPv4", fr => FrameEdits.WithIpVersion(fr, 6))),
        Case(
            "RSC-MALF-010",
            "16-byte IPv4 stub frame",
            "A 16-byte frame: the Ethernet header with EtherType 0x0800, then only the bytes 0x45 0x00 (the start of "
                + "an IPv4 header).",
            (f, _) => f.Malformed(Mss, "16-byte IPv4 stub", fr => FrameEdits.Truncate(fr, 16))),
        Case(
            "RSC-MALF-011",
            "IPv4 total length slightly beyond the frame",
            "The IPv4 total length claims 4 bytes more than the frame holds; the header checksum is valid.",
            (f, _) => f.Malformed(Mss, "total length +4", fr =>
                FrameEdits.WithIpv4TotalLength(fr, FrameEdits.Ipv4TotalLength(fr) + 4))),
        Case(
            "RSC-MALF-012",
            "IPv4 total length cutting the TCP header short",
            "A pure ACK of the flow whose IPv4 total length is lowered to 32 (20 + 12; header checksum recomputed), "
                + "so the datagram ends 12 bytes into the TCP header while the rest of the header is still in the "
                + "frame.",
            (f, _) => f.Malformed(0, "pure ACK, total length 32", fr => FrameEdits.WithIpv4TotalLength(fr, 32))),
        Case(
            "RSC-MALF-013",
            "IPv6 packet that is not TCP",
            "The segment's IPv6 Next Header is changed from 6 to 17 (UDP).",
            (f, _) => f.Malformed(Mss, "next header 17", fr => FrameEdits.WithIpv6NextHeader(fr, 17)),
            ipv6: true),
        Case(
            "RSC-MALF-014",
            "IPv6 payload length beyond the frame",
            "The IPv6 payload length claims 8 bytes more than the frame holds.",
            (f, _) => f.Malformed(Mss, "payload length +8", fr =>
                FrameEdits.WithIpv6PayloadLength(fr, FrameEdits.Ipv6PayloadLength(fr) + 8)),
            ipv6: true),
        Case(
            "RSC-MALF-015",
            "IP version 4 inside an IPv6 EtherType",
            "The IPv6 header's version nibble says 4 while the EtherType says IPv6; everything else is intact.",
            (f, _) => f.Malformed(Mss, "version 4 in IPv6", fr => FrameEdits.WithIpv6Version(fr, 4)),
            ipv6: true),
        Case(
            "RSC-MALF-016",
            "16-byte IPv6 stub frame",
            "A 16-byte frame: the Ethernet header with EtherType 0x86DD, then only the bytes 0x60 0x00 (the start of "
                + "an IPv6 header).",
            (f, _) => f.Malformed(Mss, "16-byte IPv6 stub", fr => FrameEdits.Truncate(fr, 16)),
            ipv6: true),
        Case(
            "RSC-MALF-017",
            "IPv6 hop-by-hop header cut after one byte",
            "The IPv6 header says payload length 1 and Next Header 0 (hop-by-hop options), and the frame ends after "
                + "that single byte of the extension header (55 bytes in all).",
            (f, _) => f.Malformed(Mss, "hop-by-hop cut at 1 byte", fr =>
                FrameEdits.WithIpv6PayloadLength(FrameEdits.WithIpv6NextHeader(FrameEdits.Truncate(fr, 14 + 40 + 1), 0), 1)),
            ipv6: true),
        Case(
            "RSC-MALF-018",
            "IPv6 pure ACK ending in a lone option kind",
            "A pure ACK of the flow (same ACK number and window as the data) whose 4-byte option area holds NOP NOP "
                + "NOP and then option kind 254 with no length byte: the kind is the last byte of the 78-byte frame "
                + "(no Ethernet padding follows); checksums are valid.",
            (f, t) => WithRawOptions(f, t, [1, 1, 1, 254], "pure ACK, lone option kind at the frame end", payload: 0),
            ipv6: true,
            badOptions: true),
        Case(
            "RSC-MALF-019",
            "IPv6 payload length cutting the TCP header short",
            "The segment's IPv6 payload length is lowered to 12, so the packet ends 12 bytes into the TCP header while "
                + "the rest of the segment is still in the frame (as RSC-MALF-012 over IPv4).",
            (f, _) => f.Malformed(Mss, "payload length 12", fr => FrameEdits.WithIpv6PayloadLength(fr, 12)),
            ipv6: true),
    ];

    /// <param name="badOptions">
    /// Only the TCP options are broken: the header is readable, so the frame may also be taken as an exception
    /// of the flow that ends its unit; the four good segments are then not expected in one unit.
    /// </param>
    private static ConformanceCase Case(
        string id, string title, string frame, Func<FlowCursor, TrafficBuilder, ScheduledFrame> middle, bool ipv6 = false,
        bool badOptions = false) => new()
    {
        Id = id,
        Section = "MALF",
        Title = title,
        Description = (ipv6 ? "Baseline IPv6 flow" : "Baseline IPv4 flow") + ": two in-order 1448-byte segments, one bad frame made from the next "
            + "segment, then two in-order segments continuing where the good data left off. Five frames min(spacing, "
            + "interval/5) apart (60 us at the defaults), all within one drain interval. Bad frame: " + frame,
        Level = RequirementLevel.Must,
        Requirement = badOptions ? OptionRequirement : Requirement,
        Source = badOptions ? "IND, E" : "IND, R",
        Build = ctx => Sandwich.Around(ctx, middle, ipv6: ipv6, inFlow: false, bridged: !badOptions),
    };

    /// <summary>The flow's next segment with these option bytes, scheduled as a bare frame (the sender does not advance).</summary>
    private static ScheduledFrame WithRawOptions(
        FlowCursor flow, TrafficBuilder traffic, byte[] options, string label, int payload = Mss) =>
        traffic.Mangled(flow.Next(payload) with { Options = [new RawOption(options)] }, label, frame => frame);

    private static byte[] NonIpFrame(FlowSpec flow)
    {
        var frame = new byte[60];
        flow.DestinationMac.CopyTo(frame, 0);
        flow.SourceMac.CopyTo(frame, 6);
        frame[12] = 0x88;
        frame[13] = 0xB5;
        for (int i = 14; i < frame.Length; i++)
        {
            frame[i] = (byte)i;
        }
        return frame;
    }
}
