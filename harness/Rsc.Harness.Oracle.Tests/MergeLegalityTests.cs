using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>What may never be merged (interpretation.md 3), each named with the offending frames.</summary>
public sealed class MergeLegalityTests
{
    /// <summary>Data, data, the varied segment, data; the device merges all four.</summary>
    private static (Judgement Judgement, TrafficPlan Plan) MergeAllWithThird(Func<SegmentSpec, SegmentSpec> third, bool timestamps = false)
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        if (timestamps) f.WithTimestamps();
        f.Data(1000);
        f.Data(1000);
        f.Data(1000, third);
        f.Data(1000);
        var plan = t.Build();
        return (Judge(new Delivery(plan).Coalesced([0, 1, 2, 3])), plan);
    }

    [Test]
    public void A_merged_fin_is_an_exception_under_its_own_rule()
    {
        var (j, _) = MergeAllWithThird(s => s with { Flags = TcpFlags.Ack | TcpFlags.Fin });
        var f = Finds(j, OracleRules.FinMerged, [0], [2]);
        Assert.That(f.Message, Does.Contain("Fin"));
        FindsNo(j, OracleRules.ExceptionMerged);
        FindsNo(j, OracleRules.Flags);
    }

    [Test]
    public void A_merged_fin_with_a_bad_checksum_is_a_general_exception()
    {
        var (j, _) = MergeAllWithThird(s => s with { Flags = TcpFlags.Ack | TcpFlags.Fin, ChecksumDamage = ChecksumDamage.Tcp });
        Finds(j, OracleRules.ExceptionMerged, [0], [2]);
        FindsNo(j, OracleRules.FinMerged);
    }

    [TestCase(TcpFlags.Syn)]
    [TestCase(TcpFlags.Rst)]
    [TestCase(TcpFlags.Urg)]
    public void Other_exception_flags_are_exceptions(TcpFlags flag)
    {
        var (j, _) = MergeAllWithThird(s => s with { Flags = TcpFlags.Ack | flag, UrgentPointer = flag == TcpFlags.Urg ? (ushort)10 : (ushort)0 });
        Finds(j, OracleRules.ExceptionMerged, [0], [2]);
    }

    [Test]
    public void A_merged_sack_option_is_an_exception()
    {
        var (j, _) = MergeAllWithThird(s => s with { Options = [TcpOption.Nop, TcpOption.Nop, new SackOption([(1, 2)])] });
        var f = Finds(j, OracleRules.OptionsMerged, [0], [2]);
        Assert.That(f.Message, Does.Contain("SACK"));
        FindsNo(j, OracleRules.ExceptionMerged);
    }

    [Test]
    public void Merged_ipv4_options_are_an_exception()
    {
        var (j, _) = MergeAllWithThird(s => s with { Ipv4Options = [1, 1, 1, 0] });
        Finds(j, OracleRules.ExceptionMerged, [0], [2]);
    }

    [Test]
    public void Merged_ipv6_extension_headers_are_an_exception()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV6();
        f.Data(1000);
        f.Data(1000, s => s with { ExtensionHeaders = [new Ipv6ExtensionHeader(Ipv6ExtensionKind.DestinationOptions)] });
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1]));
        Finds(j, OracleRules.ExceptionMerged, [0], [1]);
    }

    [TestCase(ChecksumDamage.Tcp)]
    [TestCase(ChecksumDamage.Ip)]
    public void A_merged_bad_checksum_is_an_exception(ChecksumDamage damage)
    {
        var (j, _) = MergeAllWithThird(s => s with { ChecksumDamage = damage });
        var f = Finds(j, OracleRules.ExceptionMerged, [0], [2]);
        Assert.That(f.Message, Does.Contain("bad"));
    }

    [Test]
    public void An_ecn_change_is_an_exception()
    {
        var (j, _) = MergeAllWithThird(s => s with { Ecn = 1 });
        Finds(j, OracleRules.EcnChange, [0], [1, 2]);
    }

    [Test]
    public void An_ece_change_is_an_exception()
    {
        var (j, _) = MergeAllWithThird(s => s with { Flags = TcpFlags.Ack | TcpFlags.Ece });
        Finds(j, OracleRules.EcnChange, [0], [1, 2]);
    }

    [Test]
    public void A_dscp_or_df_change_may_not_be_merged()
    {
        var (j, _) = MergeAllWithThird(s => s with { Dscp = 10 });
        Finds(j, OracleRules.IdenticalFields, [0], [0, 2]);
        (j, _) = MergeAllWithThird(s => s with { DontFragment = false });
        Finds(j, OracleRules.IdenticalFields, [0], [0, 2]);
    }

    [Test]
    public void A_flow_label_change_may_not_be_merged()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV6();
        f.Data(1000);
        f.Data(1000, s => s with { FlowLabel = 12345 });
        var plan = t.Build();
        Finds(Judge(new Delivery(plan).Coalesced([0, 1])), OracleRules.IdenticalFields, [0], [0, 1]);
    }

    [Test]
    public void Timestamp_presence_must_match()
    {
        var (j, _) = MergeAllWithThird(s => s with { Options = TcpOption.AlignedTimestamp(5, 6) });
        Finds(j, OracleRules.TimestampPresence, [0], [0, 2]);
    }

    [Test]
    public void Timestamps_going_back_may_not_be_merged()
    {
        var (j, _) = MergeAllWithThird(s => s with { Options = TcpOption.AlignedTimestamp(10, 777) }, timestamps: true);
        Finds(j, OracleRules.TimestampOrder, [0], [1, 2]);
    }

    [Test]
    public void Timestamps_are_compared_modulo_2_to_the_32()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4().WithTimestamps(uint.MaxValue - 1);
        f.Data(1000);
        f.Data(1000);
        f.Data(1000); // TSval wraps to 0
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]));
        Passes(j);
    }

    [Test]
    public void Merging_across_a_sequence_gap_is_not_contiguous()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000);
        f.Data(1000);
        f.Skip(500);
        f.Data(1000);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]));
        Finds(j, OracleRules.MergeContiguous, [0], [1, 2]);
    }

    [Test]
    public void Merging_a_retransmission_is_not_contiguous()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        var first = f.Data(1000);
        f.Data(1000);
        f.Retransmit(first.Segment!.Seq, 1000);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]));
        Finds(j, OracleRules.MergeContiguous, [0], [1, 2]);
    }

    [Test]
    public void An_advancing_pure_ack_may_not_be_absorbed()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000);
        f.Data(1000);
        f.Ack += 5000;
        f.PureAck();
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]));
        Finds(j, OracleRules.PureAckAdvancing, [0], [2]);
    }

    [Test]
    public void Two_advancing_pure_acks_may_not_be_merged()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Ack += 100;
        f.PureAck();
        f.Ack += 100;
        f.PureAck();
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1]));
        Finds(j, OracleRules.PureAckAdvancing, [0], [1]);
    }

    [Test]
    public void Data_after_an_absorbed_dup_ack_is_illegal()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Ack += 100;
        f.PureAck();
        f.PureAck(label: "dup ACK");
        f.Data(1000);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]));
        Finds(j, OracleRules.DataAfterDupAck, [0], [2]);
    }

    [Test]
    public void A_datagram_over_65535_bytes_is_too_large()
    {
        var t = new TrafficBuilder(spacingNs: 10_000);
        var f = t.FlowV4();
        for (int i = 0; i < 46; i++) f.Data(1448);
        var plan = t.Build();
        var all = Enumerable.Range(0, 46).ToArray();
        var j = Judge(new Delivery(plan).Coalesced(all, segment: s => s, bytes: b => b));
        var finding = Finds(j, OracleRules.MaxDatagram, [0], all);
        Assert.That(finding.Message, Does.Contain("66648"));
        Assert.That(j.Alignment.Guest[0].SentFrames, Is.EqualTo(all));
        FindsNo(j, OracleRules.Lost);
        FindsNo(j, OracleRules.IpLength);
    }

    [Test]
    public void A_lower_configured_datagram_limit_is_enforced()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1448);
        f.Data(1448);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1]), Settings() with { MaxIpDatagram = 2000 });
        Finds(j, OracleRules.MaxDatagram, [0], [0, 1]);
    }
}
