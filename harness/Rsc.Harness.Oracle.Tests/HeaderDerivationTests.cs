using System.Buffers.Binary;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>The header of a coalesced unit (interpretation.md 4): each field wrong on its own is named.</summary>
public sealed class HeaderDerivationTests
{
    private static TrafficPlan Varied(bool timestamps = false, bool v6 = false)
    {
        var t = new TrafficBuilder();
        var f = v6 ? t.FlowV6() : t.FlowV4();
        if (timestamps) f.WithTimestamps(5000);
        f.Data(1000);
        f.Ttl = 60;
        f.Ack += 1000;
        f.Data(1000, s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh });
        f.Ttl = 62;
        f.Ack += 1000;
        f.Window = 40000;
        f.Data(1000);
        return t.Build();
    }

    private static Judgement Mutated(Func<SegmentSpec, SegmentSpec>? segment = null, Func<byte[], byte[]>? bytes = null, bool timestamps = false, bool v6 = false) =>
        Judge(new Delivery(Varied(timestamps, v6)).Coalesced([0, 1, 2], segment, bytes: bytes));

    [Test]
    public void The_correct_header_passes()
    {
        Passes(Mutated());
        Passes(Mutated(timestamps: true));
        Passes(Mutated(v6: true));
    }

    [Test]
    public void Sequence_number_of_a_later_segment_is_wrong()
    {
        var j = Mutated(s => s with { Seq = s.Seq + 1000 });
        Finds(j, OracleRules.SeqFirst, [0], [0, 1, 2]);
    }

    [Test]
    public void Ip_id_of_the_last_segment_is_wrong()
    {
        var j = Mutated(s => s with { IpId = (ushort)(s.IpId + 2) });
        var f = Finds(j, OracleRules.IpIdFirst, [0], [0, 1, 2]);
        Assert.That(f.Message, Does.Contain("expected 100").And.Contain("observed 102"));
    }

    [Test]
    public void Ack_or_window_of_the_first_segment_is_wrong()
    {
        var plan = Varied();
        var first = plan.Frames[0].Segment!;
        Finds(Mutated(s => s with { Ack = first.Ack }), OracleRules.AckWindowLast, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { Window = first.Window }), OracleRules.AckWindowLast, [0], [0, 1, 2]);
    }

    [Test]
    public void Ttl_or_hop_limit_that_is_not_the_minimum_is_wrong()
    {
        Finds(Mutated(s => s with { Ttl = 62 }), OracleRules.TtlMinimum, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { Ttl = 64 }, v6: true), OracleRules.TtlMinimum, [0], [0, 1, 2]);
    }

    [Test]
    public void A_dropped_psh_is_wrong()
    {
        Finds(Mutated(s => s with { Flags = TcpFlags.Ack }), OracleRules.PshOr, [0], [0, 1, 2]);
    }

    [Test]
    public void A_psh_nobody_sent_is_wrong()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(100);
        f.Data(100);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1], s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh }));
        Finds(j, OracleRules.PshOr, [0], [0, 1]);
    }

    [Test]
    public void Flags_besides_ack_and_psh_are_wrong()
    {
        Finds(Mutated(s => s with { Flags = TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Cwr }), OracleRules.Flags, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { Flags = TcpFlags.Psh }), OracleRules.Flags, [0], [0, 1, 2]);
    }

    [Test]
    public void A_timestamp_other_than_the_latest_is_wrong()
    {
        var first = Varied(timestamps: true).Frames[0].Segment!;
        var j = Mutated(s => s with { Options = first.Options }, timestamps: true);
        var f = Finds(j, OracleRules.TimestampLatest, [0], [2]);
        Assert.That(f.Message, Does.Contain("TS(5002,777)").And.Contain("TS(5000,777)"));
        Finds(Mutated(s => s with { Options = [] }, timestamps: true), OracleRules.TimestampLatest, [0], [2]);
        Finds(Mutated(s => s with { Options = TcpOption.AlignedTimestamp(1, 2) }), OracleRules.TimestampLatest, [0], [0, 1, 2]);
    }

    [Test]
    public void The_latest_timestamp_is_the_largest_even_if_not_last()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4().WithTimestamps(100);
        f.Data(500);
        f.Data(500, s => s with { Options = TcpOption.AlignedTimestamp(200, 9) });
        f.Data(500, s => s with { Options = TcpOption.AlignedTimestamp(200, 777) });
        var plan = t.Build();
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2])));
    }

    [Test]
    public void Options_other_than_timestamps_in_the_output_are_wrong()
    {
        var j = Mutated(s => s with { Options = [TcpOption.Nop, TcpOption.Nop, new SackOption([(1, 2)])] });
        Finds(j, OracleRules.TcpOptions, [0], [0, 1, 2]);
    }

    [Test]
    public void Ip_options_in_the_output_are_wrong()
    {
        Finds(Mutated(s => s with { Ipv4Options = [1, 1, 1, 1] }), OracleRules.NoIpOptions, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.HopByHop)] }, v6: true), OracleRules.NoIpOptions, [0], [0, 1, 2]);
    }

    [Test]
    public void An_ip_length_that_does_not_match_the_frame_is_wrong()
    {
        // Trailing bytes the IP length does not cover.
        var j = Mutated(bytes: b => [.. b, 0, 0, 0, 0]);
        Finds(j, OracleRules.IpLength, [0], [0, 1, 2]);
    }

    [Test]
    public void A_bad_ipv4_header_checksum_is_wrong()
    {
        Finds(Mutated(s => s with { ChecksumDamage = ChecksumDamage.Ip }), OracleRules.IpChecksum, [0], [0, 1, 2]);
    }

    [Test]
    public void A_stale_tcp_checksum_is_wrong_without_needs_csum()
    {
        var plan = Varied();
        var stale = Judge(new Delivery(plan).Coalesced([0, 1, 2],
            segment: s => s with { ChecksumDamage = ChecksumDamage.Tcp },
            header: h => h with { Flags = h.Flags & ~Core.Virtio.VirtioNetHeaderFlags.NeedsCsum }));
        Finds(stale, OracleRules.TcpChecksum, [0], [0, 1, 2]);
        var declared = Judge(new Delivery(plan).Coalesced([0, 1, 2], segment: s => s with { ChecksumDamage = ChecksumDamage.Tcp }));
        Passes(declared);
    }

    [Test]
    public void Header_fields_that_change_are_wrong()
    {
        Finds(Mutated(s => s with { Dscp = 8 }), OracleRules.HeaderFields, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { Ecn = 2 }), OracleRules.HeaderFields, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { DontFragment = false }), OracleRules.HeaderFields, [0], [0, 1, 2]);
        Finds(Mutated(s => s with { FlowLabel = 99 }, v6: true), OracleRules.HeaderFields, [0], [0, 1, 2]);
        Finds(Mutated(bytes: b =>
        {
            b[0] ^= 2;
            return b;
        }), OracleRules.HeaderFields, [0], [0, 1, 2]);
    }

    [Test]
    public void A_payload_out_of_order_is_not_the_concatenation()
    {
        var plan = Varied();
        var segs = plan.Frames.Select(f => f.Segment!).ToList();
        var swapped = segs[1].Payload.ToArray().Concat(segs[0].Payload.ToArray()).Concat(segs[2].Payload.ToArray()).ToArray();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], s => s with { Payload = swapped }));
        Finds(j, OracleRules.PayloadConcatenation, [0], [0, 1, 2]);
    }

    [Test]
    public void Ipv4_total_length_is_checked_against_the_frame()
    {
        var j = Mutated(bytes: b =>
        {
            ushort len = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(16));
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(16), (ushort)(len - 4));
            return b;
        });
        Assert.That(j.Outcome, Is.EqualTo(Core.Outcome.Fail), () => Describe(j));
    }
}
