using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>Deliveries that follow the rules pass with no finding, and are explained as delivered.</summary>
public sealed class CorrectDeliveryTests
{
    private static TrafficPlan Baseline(int segments, bool timestamps = false, bool v6 = false)
    {
        var t = new TrafficBuilder();
        var f = v6 ? t.FlowV6() : t.FlowV4();
        if (timestamps) f.WithTimestamps();
        for (int i = 0; i < segments; i++) f.Data(1448);
        return t.Build();
    }

    [Test]
    public void Every_frame_unchanged_passes()
    {
        var plan = Baseline(5);
        var j = Judge(new Delivery(plan).AllUnchanged());
        Passes(j);
        Assert.That(j.Alignment.Guest.Select(g => g.SentFrames.Single()), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(j.Alignment.Guest.All(g => !g.IsCoalesced && g.ExpectedSegments == 1), Is.True);
    }

    [Test]
    public void Coalesced_units_pass_and_are_explained()
    {
        var plan = Baseline(6);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]).Coalesced([3, 4]).Unchanged(5));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].SentFrames, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(j.Alignment.Guest[0].ExpectedSegments, Is.EqualTo(3));
        Assert.That(j.Alignment.Guest[1].SentFrames, Is.EqualTo(new[] { 3, 4 }));
        Assert.That(j.Alignment.Guest[2].SentFrames, Is.EqualTo(new[] { 5 }));
        Assert.That(j.Alignment.GuestFrameOf(4), Is.EqualTo(1));
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void Timestamps_and_ipv6_coalesce_correctly(bool timestamps, bool v6)
    {
        var plan = Baseline(4, timestamps, v6);
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2, 3])));
    }

    [Test]
    public void Flows_may_be_delivered_in_any_order_relative_to_each_other()
    {
        var t = new TrafficBuilder();
        var a = t.FlowV4(0);
        var b = t.FlowV6(1);
        for (int i = 0; i < 3; i++)
        {
            a.Data(1000);
            b.Data(500);
        }
        var plan = t.Build(); // a: 0,2,4  b: 1,3,5
        var j = Judge(new Delivery(plan).Coalesced([1, 3, 5]).Unchanged(0).Coalesced([2, 4]));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].Flow, Is.EqualTo(b.Spec.Key));
    }

    [Test]
    public void Frames_of_no_flow_pass_through_in_any_order()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(100);
        t.Raw(ArpLike(), "ARP");
        f.Malformed(100, "truncated TCP", b => b[..(14 + 20 + 10)]);
        f.Data(100);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Unchanged(2).Coalesced([0, 3]).Unchanged(1));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].SentFrames, Is.EqualTo(new[] { 2 }));
        Assert.That(j.Alignment.Guest[2].SentFrames, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void A_window_update_may_be_absorbed_at_the_end_or_in_the_middle_or_left_alone()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1448);
        f.Data(1448);
        f.Window = 30000;
        f.PureAck(label: "window update");
        f.Data(1448);
        f.Window = 20000;
        f.PureAck(label: "window update");
        var plan = t.Build();

        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2, 3, 4])));
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2]).Coalesced([3, 4])));
        Passes(Judge(new Delivery(plan).Coalesced([0, 1]).Unchanged(2).Unchanged(3).Unchanged(4)));
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2, 3, 4]));
        Assert.That(j.Alignment.Guest[0].ExpectedSegments, Is.EqualTo(3));
        Assert.That(j.Alignment.Guest[0].ExpectedDupAcks, Is.Zero);
    }

    [Test]
    public void A_unit_may_start_with_a_cumulative_ack_before_its_data()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Ack += 3000;
        f.PureAck();
        f.Data(1448);
        f.Data(1448);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].ExpectedSegments, Is.EqualTo(2));
    }

    [Test]
    public void Retransmissions_and_out_of_order_data_delivered_alone_pass()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        var first = f.Data(1000);
        f.Data(1000);
        f.Retransmit(first.Segment!.Seq, 1000);
        f.Skip(1000);
        f.Data(1000);
        var plan = t.Build();
        Passes(Judge(new Delivery(plan).Coalesced([0, 1]).Unchanged(2).Unchanged(3)));
    }

    [Test]
    public void A_smaller_nonzero_gso_size_is_only_non_strict()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000);
        f.Data(1448);
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1], header: h => h with { GsoSize = 1000 }));
        Assert.That(j.Outcome, Is.EqualTo(Outcome.NonStrict), () => Describe(j));
        Finds(j, OracleRules.GsoSizeMss, [0], [0, 1], Severity.NonStrict);
    }

    [Test]
    public void Excused_from_rsc_info_a_coalesced_frame_without_it_is_info_with_the_excuse()
    {
        var plan = Baseline(3);
        var settings = Settings() with { Capabilities = Excusing(OracleRules.RscInfo) };
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], header: h => h with { Flags = VirtioNetHeaderFlags.NeedsCsum, CsumStart = 0, CsumOffset = 0 }), settings);
        Passes(j);
        var f = Finds(j, OracleRules.RscInfo, [0], [0, 1, 2], Severity.Info);
        Assert.That(f.Excuse, Does.Contain("does not do VS.rsc-info").And.Contain("test.c"));
    }

    [Test]
    public void Not_excused_a_coalesced_frame_without_rsc_info_fails()
    {
        var plan = Baseline(3);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], header: h => h with { Flags = VirtioNetHeaderFlags.NeedsCsum, CsumStart = 0, CsumOffset = 0 }));
        var f = Finds(j, OracleRules.RscInfo, [0], [0, 1, 2]);
        Assert.That(f.Excuse, Is.Null);
    }

    [Test]
    public void Counts_a_device_does_report_are_judged_even_when_it_is_excused_from_reporting_them()
    {
        var plan = Baseline(3);
        var settings = Settings() with { Capabilities = Excusing(OracleRules.RscInfo) };
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], header: h => h with { CsumStart = 7 }), settings);
        Finds(j, OracleRules.SegmentCount, [0]);
    }

    [Test]
    public void Excusing_rsc_info_never_excuses_rsc_info_on_a_single_frame()
    {
        var plan = Baseline(2);
        var settings = Settings() with { Capabilities = Excusing(OracleRules.RscInfo) };
        var j = Judge(new Delivery(plan).Unchanged(0, header: Delivery.Plain with { Flags = VirtioNetHeaderFlags.RscInfo, CsumStart = 1 }).Unchanged(1), settings);
        Finds(j, OracleRules.RscInfoOnSingle, [0], [0]);
    }

    [Test]
    public void An_exception_segment_delivered_alone_after_its_flows_unit_passes()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1448);
        f.Data(1448);
        f.Data(100, s => s with { Flags = TcpFlags.Ack | TcpFlags.Fin });
        var plan = t.Build();
        Passes(Judge(new Delivery(plan).Coalesced([0, 1]).Unchanged(2)));
    }

    internal static byte[] ArpLike()
    {
        var frame = new byte[60];
        FlowSpec.DefaultGuestMac.CopyTo(frame, 0);
        FlowSpec.DefaultPeerMac.CopyTo(frame, 6);
        frame[12] = 0x08;
        frame[13] = 0x06;
        frame[20] = 1;
        return frame;
    }
}
