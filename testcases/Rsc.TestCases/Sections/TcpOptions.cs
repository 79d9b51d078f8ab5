using System.Globalization;
using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using Rsc.TestCases.Templates;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Sections;

/// <summary>OPT: timestamps are the only option that may be merged; any other option is an exception.</summary>
internal static class TcpOptions
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } =
    [
        new()
        {
            Id = "RSC-OPT-001",
            Section = "OPT",
            Title = "Timestamps merge; the unit carries the latest TSval",
            Description = "Baseline IPv4 flow with aligned timestamps (NOP NOP TS) on every segment, TSval 1000, "
                + "1001, 1002: three in-order 1448-byte segments min(spacing, interval/3) apart (100 us at the "
                + "defaults).",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a unit carries the timestamp option of its latest segment (largest TSval). SHOULD: "
                + "the timestamp option does not stop coalescing.",
            Source = "R, IPH",
            Build = ctx => InOrderRun.Merged(
                ctx,
                flow: f => f.WithTimestamps(1000),
                last: (b, last) => b.Must.Header(last, "IPH.timestamp-latest", "the frame holding the TSval-1002 segment carries TSval 1002",
                    p => TsVal(p) == 1002 ? null : $"TSval {Describe(p)}, expected 1002"),
                behaviour: BehaviourRules.TimestampCoalescing),
        },
        new()
        {
            Id = "RSC-OPT-002",
            Section = "OPT",
            Title = "A timestamp going backwards is not merged",
            Description = "Baseline IPv4 flow with timestamps: two in-order 1448-byte segments with TSval 1000 and "
                + "1001, a third in order but with TSval 990, then two more with TSval 991 and 992. Five frames "
                + "min(spacing, interval/5) apart (60 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment whose TSval is below the unit's latest is never merged into it. SHOULD: "
                + "coalescing resumes with the segments after it.",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 5);
                var f = b.V4().WithTimestamps(1000);
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.TsVal = 990;
                var back = f.Data(Mss, label: "data 1448 TSval 990");
                var d3 = f.Data(Mss);
                var d4 = f.Data(Mss);
                b.Must.NotMergedTogether(d1, back);
                b.Must.DeliveredInOrder(d1, back);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(d0, d1);
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(d3, d4);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-OPT-003",
            Section = "OPT",
            Title = "TSval is compared modulo 2^32; equal values merge",
            Description = "Baseline IPv4 flow with timestamps: four in-order 1448-byte segments with TSval "
                + "0xFFFFFFFE, 0xFFFFFFFF, 0 and 0 (wrapping, then repeating). Four frames min(spacing, interval/4) "
                + "apart (75 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "SHOULD: the wrap and the repeat are non-decreasing modulo 2^32, so all four coalesce; "
                + "MUST: the unit then carries TSval 0, the latest.",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4().WithTimestamps(0xFFFF_FFFE);
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                f.TsVal = 0;
                var d3 = f.Data(Mss, label: "data 1448 TSval repeated");
                b.Must.Header(d3, "IPH.timestamp-latest", "the frame holding the last segment carries TSval 0",
                    p => TsVal(p) == 0 ? null : $"TSval {Describe(p)}, expected 0");
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(d0, d1, d2, d3);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-OPT-004",
            Section = "OPT",
            Title = "Segments with and without timestamps are not merged",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments without options, then two with "
                + "aligned timestamps (TSval 5000, 5001). Four frames min(spacing, interval/4) apart (75 us at the "
                + "defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the presence of the timestamp option is identical across merged segments. SHOULD: "
                + "the plain segments before the change coalesce.",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 4);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                f.WithTimestamps(5000);
                var t2 = f.Data(Mss, label: "data 1448 TS");
                f.Data(Mss, label: "data 1448 TS");
                b.Must.NotMergedTogether(d1, t2);
                b.Must.DeliveredInOrder(d1, t2);
                b.Should.MergedTogether(d0, d1);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-OPT-005",
            Section = "OPT",
            Title = "A duplicate ACK carrying SACK is delivered alone",
            Description = "Baseline IPv4 flow: three in-order 1448-byte segments, a duplicate ACK carrying a "
                + "one-block SACK option (NOP NOP SACK), then two more in-order segments. Six frames min(spacing, "
                + "interval/6) apart (50 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a TCP option other than timestamps (here SACK on a duplicate ACK) "
                + "is never coalesced; data cached before it is delivered first.",
            Source = "R, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 6);
                var f = b.V4();
                var d0 = f.Data(Mss);
                var d1 = f.Data(Mss);
                var d2 = f.Data(Mss);
                uint left = f.Ack + (2 * Mss);
                var sack = f.PureAck(
                    s => s with { Options = [TcpOption.Nop, TcpOption.Nop, new SackOption([(left, left + Mss)])] },
                    "dup ACK SACK");
                var d4 = f.Data(Mss);
                var d5 = f.Data(Mss);
                b.Must.DeliveredAlone(sack);
                b.Must.DeliveredInOrder(d2, sack);
                b.Should.MergedTogether(d0, d1, d2);
                b.Should.MergedTogether(d4, d5);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-OPT-006",
            Section = "OPT",
            Title = "A data segment carrying MSS is delivered alone",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third carrying an MSS option "
                + "(1460), then two plain ones. Five frames min(spacing, interval/5) apart (60 us at the defaults), "
                + "all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a TCP option other than timestamps is never coalesced; data cached "
                + "before it is delivered first.",
            Source = "E",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { Options = [new MssOption(1460)] }, "data 1448 MSS")),
        },
        new()
        {
            Id = "RSC-OPT-007",
            Section = "OPT",
            Title = "A data segment carrying window scale is delivered alone",
            Description = "Baseline IPv4 flow: two in-order 1448-byte segments, a third carrying NOP + window scale "
                + "7, then two plain ones. Five frames min(spacing, interval/5) apart (60 us at the defaults), all "
                + "within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a TCP option other than timestamps is never coalesced; data cached "
                + "before it is delivered first.",
            Source = "E",
            Build = ctx => Sandwich.Around(ctx, (f, _) =>
                f.Data(Mss, s => s with { Options = [TcpOption.Nop, new WindowScaleOption(7)] }, "data 1448 WS")),
        },
        new()
        {
            Id = "RSC-OPT-008",
            Section = "OPT",
            Title = "TSecr changing: the unit carries the last TSval and TSecr",
            Description = "Baseline IPv4 flow with aligned timestamps (NOP NOP TS): three in-order 1448-byte "
                + "segments with TSval 1000, 1001, 1002 and TSecr 500, 501, 502. Three frames min(spacing, "
                + "interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a unit carries the whole timestamp option of its latest segment, TSecr included "
                + "(TS(1002,502)). SHOULD: a changing TSecr does not stop coalescing.",
            Source = "R, IPH",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4().WithTimestamps(1000);
                f.TsEcr = 500;
                var d0 = f.Data(Mss, label: "data 1448 TS(1000,500)");
                f.TsEcr = 501;
                var d1 = f.Data(Mss, label: "data 1448 TS(1001,501)");
                f.TsEcr = 502;
                var last = f.Data(Mss, label: "data 1448 TS(1002,502)");
                b.Must.Header(last, "IPH.timestamp-latest", "the frame holding the last segment carries TS(1002,502)",
                    p => p.TimestampOption is { TsVal: 1002, TsEcr: 502 } ? null
                        : $"timestamp {(p.TimestampOption is { } t ? $"TS({t.TsVal},{t.TsEcr})" : "absent")}, expected TS(1002,502)");
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(d0, d1, last);
                b.Should.As(BehaviourRules.TimestampCoalescing).RscCounts(d0, 3, 0);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-OPT-009",
            Section = "OPT",
            Title = "Segments carrying an unknown 10-byte option are never coalesced",
            Description = "Baseline IPv4 flow where every segment carries NOP NOP and an unknown option of kind 254 "
                + "with length 10 (8 bytes of body, 0x01..0x08): three in-order 1448-byte segments min(spacing, "
                + "interval/3) apart (100 us at the defaults), all within one drain interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: a segment with a TCP option other than timestamps (whatever its length) is never "
                + "coalesced, even when its neighbours carry the same option: each segment arrives alone and in "
                + "order.",
            Source = "E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4();
                byte[] unknown = [1, 1, 254, 10, 1, 2, 3, 4, 5, 6, 7, 8];
                Func<SegmentSpec, SegmentSpec> withUnknown = s => s with { Options = [new RawOption(unknown)] };
                var d0 = f.Data(Mss, withUnknown, "data 1448 option 254/10");
                var d1 = f.Data(Mss, withUnknown, "data 1448 option 254/10");
                var d2 = f.Data(Mss, withUnknown, "data 1448 option 254/10");
                // A device that merges identical options by design (GRO) breaks all three the same way;
                // a real reorder still fails ORDER.flow.
                b.Must.As(OracleRules.OptionsMerged).DeliveredAlone(d0, d1, d2);
                b.Must.As(OracleRules.OptionsMerged).DeliveredInOrder(d0, d1);
                b.Must.As(OracleRules.OptionsMerged).DeliveredInOrder(d1, d2);
                return b.Done();
            },
        },
        new()
        {
            Id = "RSC-OPT-010",
            Section = "OPT",
            Title = "Timestamp followed by EOL and padding merges like an aligned timestamp",
            Description = "Baseline IPv4 flow where every segment's 12-byte option area holds the timestamp option first, "
                + "then EOL and one zero padding byte (TS EOL 0, data offset 8), TSval 2000, 2001, 2002: three in-order "
                + "1448-byte segments min(spacing, interval/3) apart (100 us at the defaults), all within one drain "
                + "interval.",
            Level = RequirementLevel.Must,
            Requirement = "MUST: the unit carries the timestamp option of its latest segment (TSval 2002). SHOULD: "
                + "EOL and the padding after it are not options that stop coalescing (only NOP/EOL and timestamps are "
                + "allowed, whatever their layout), so the three segments form one unit.",
            Source = "R, IPH, E",
            Build = ctx =>
            {
                var b = new CaseBuilder(ctx, framesInOneInterval: 3);
                var f = b.V4().WithTimestamps(2000);
                Func<SegmentSpec, SegmentSpec> eolAfterTs = s => s with
                {
                    Options = [.. s.Options.OfType<TimestampOption>(), new RawOption([0, 0])],
                };
                var d0 = f.Data(Mss, eolAfterTs, "data 1448 TS EOL");
                var d1 = f.Data(Mss, eolAfterTs, "data 1448 TS EOL");
                var last = f.Data(Mss, eolAfterTs, "data 1448 TS EOL");
                b.Must.Header(last, "IPH.timestamp-latest", "the frame holding the TSval-2002 segment carries TSval 2002",
                    p => TsVal(p) == 2002 ? null : $"TSval {Describe(p)}, expected 2002");
                b.Should.As(BehaviourRules.TimestampCoalescing).MergedTogether(d0, d1, last);
                b.Should.As(BehaviourRules.TimestampCoalescing).RscCounts(d0, 3, 0);
                return b.Done();
            },
        },
    ];

    private static uint? TsVal(ParsedPacket p) => p.TimestampOption?.TsVal;

    private static string Describe(ParsedPacket p) => TsVal(p)?.ToString(CultureInfo.InvariantCulture) ?? "absent";
}
