using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>Every sent frame exactly once, unchanged unless coalesced, in order within its flow.</summary>
public sealed class ConservationTests
{
    private static TrafficPlan Baseline(int segments)
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        for (int i = 0; i < segments; i++) f.Data(1448);
        return t.Build();
    }

    [Test]
    public void A_lost_frame_is_named()
    {
        var j = Judge(new Delivery(Baseline(5)).Unchanged(0, 1, 3, 4));
        Finds(j, OracleRules.Lost, [], [2]);
        Finds(j, OracleRules.ByteStream);
        Assert.That(j.Alignment.GuestFrameOf(2), Is.Null);
        Assert.That(j.Alignment.Guest[2].SentFrames, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void A_frame_lost_from_inside_a_coalesced_run_is_named()
    {
        // The device merged 0 and 1, then dropped 2 and merged 3 and 4.
        var j = Judge(new Delivery(Baseline(5)).Coalesced([0, 1]).Coalesced([3, 4]));
        Finds(j, OracleRules.Lost, [], [2]);
        FindsNo(j, OracleRules.MergeContiguous);
    }

    [Test]
    public void A_duplicated_frame_is_named_with_both_deliveries()
    {
        var j = Judge(new Delivery(Baseline(4)).Unchanged(0, 1, 2, 1, 3));
        Finds(j, OracleRules.Duplicate, [1, 3], [1]);
        FindsNo(j, OracleRules.Lost);
    }

    [Test]
    public void A_duplicated_coalesced_unit_is_named()
    {
        var j = Judge(new Delivery(Baseline(4)).Coalesced([0, 1]).Coalesced([0, 1]).Coalesced([2, 3]));
        Finds(j, OracleRules.Duplicate, [0, 1], [0, 1]);
    }

    [Test]
    public void Frames_swapped_within_a_flow_break_the_order()
    {
        var j = Judge(new Delivery(Baseline(4)).Unchanged(0, 2, 1, 3));
        Finds(j, OracleRules.FlowOrder);
        var f = j.Findings.First(x => x.Rule == OracleRules.FlowOrder);
        Assert.That(f.GuestFrames, Is.EquivalentTo(new[] { 1, 2 }));
        FindsNo(j, OracleRules.Lost);
        FindsNo(j, OracleRules.Unexpected);
    }

    [Test]
    public void A_unit_delivered_after_a_later_unit_breaks_the_order()
    {
        var j = Judge(new Delivery(Baseline(6)).Coalesced([3, 4, 5]).Coalesced([0, 1, 2]));
        var f = Finds(j, OracleRules.FlowOrder);
        Assert.That(f.GuestFrames, Is.EquivalentTo(new[] { 0, 1 }));
        Assert.That(j.Alignment.Guest[0].SentFrames, Is.EqualTo(new[] { 3, 4, 5 }));
        Assert.That(j.Alignment.Guest[1].SentFrames, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void A_frame_matching_nothing_sent_is_unexpected()
    {
        var plan = Baseline(2);
        var other = new TrafficBuilder().FlowV4(7).Next(100);
        var j = Judge(new Delivery(plan).Unchanged(0, 1).Raw(FrameBuilder.Build(other), Delivery.Plain, 500_000));
        Finds(j, OracleRules.Unexpected, [2], []);
    }

    [Test]
    public void A_frame_of_no_flow_that_is_altered_is_lost_and_unexpected()
    {
        var t = new TrafficBuilder();
        t.Raw(CorrectDeliveryTests.ArpLike(), "ARP");
        var plan = t.Build();
        var changed = CorrectDeliveryTests.ArpLike();
        changed[21] = 2;
        var j = Judge(new Delivery(plan).Raw(changed, Delivery.Plain, 1000));
        Finds(j, OracleRules.Lost, [], [0]);
        Finds(j, OracleRules.Unexpected, [0], []);
    }

    [Test]
    public void A_frame_of_no_flow_delivered_twice_is_a_duplicate()
    {
        var t = new TrafficBuilder();
        t.Raw(CorrectDeliveryTests.ArpLike(), "ARP");
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Unchanged(0).Unchanged(0));
        Finds(j, OracleRules.Duplicate, [0, 1], [0]);
    }

    [Test]
    public void A_single_frame_must_arrive_unchanged()
    {
        var plan = Baseline(3);
        var j = Judge(new Delivery(plan).Unchanged(0).Coalesced([1], segment: s => s with { Ttl = 63 }, header: _ => Delivery.Plain).Unchanged(2));
        var f = Finds(j, OracleRules.Modified, [1], [1]);
        Assert.That(f.Message, Does.Contain("TTL/hop limit expected 64, observed 63"));
    }

    [Test]
    public void A_guest_frame_cutting_through_a_segment_is_a_split()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000);
        var whole = f.Data(1000).Segment!;
        var plan = t.Build();
        var firstHalf = whole with { Payload = whole.Payload[..400] };
        var secondHalf = whole with { Seq = whole.Seq + 400, Payload = whole.Payload[400..] };
        var j = Judge(new Delivery(plan).Unchanged(0)
            .Raw(FrameBuilder.Build(firstHalf), Delivery.Plain, 200_000)
            .Raw(FrameBuilder.Build(secondHalf), Delivery.Plain, 200_000));
        var split = Finds(j, OracleRules.SegmentSplit, [1], [1]);
        Assert.That(split.Message, Does.Contain("ends 400 bytes into sent 1"));
        Finds(j, OracleRules.SegmentSplit, [2], [1]);
        FindsNo(j, OracleRules.Lost);
    }

    [Test]
    public void A_corrupted_payload_in_a_coalesced_frame_is_named()
    {
        var plan = Baseline(3);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], bytes: b =>
        {
            b[^10] ^= 0xFF;
            return b;
        }, header: h => h));
        Finds(j, OracleRules.PayloadConcatenation, [0], [0, 1, 2]);
        Finds(j, OracleRules.ByteStream);
    }

    [Test]
    public void Frames_the_adapter_never_sent_are_not_judged()
    {
        var plan = Baseline(3);
        var d = new Delivery(plan).Unchanged(0, 1);
        var j = new RscOracle(Settings()).Judge(plan, d.Capture(notSent: [2]), []);
        Assert.That(j.Outcome, Is.EqualTo(Rsc.Harness.Core.Outcome.Pass), () => Describe(j));
        Finds(j, OracleRules.NotSent, [], [2], Severity.Info);
    }

    [Test]
    public void Many_findings_of_one_rule_are_capped_with_a_summary()
    {
        var plan = Baseline(30);
        var j = Judge(new Delivery(plan));
        var lost = j.Findings.Where(f => f.Rule == OracleRules.Lost).ToList();
        Assert.That(lost, Has.Count.EqualTo(21));
        Assert.That(lost[^1].Message, Does.Contain("10 more"));
        Assert.That(lost[^1].Message, Does.Contain("30 in all"));
    }

    [Test]
    public void Rsc_info_on_a_frame_of_no_flow_is_a_finding()
    {
        var t = new TrafficBuilder();
        t.Raw(CorrectDeliveryTests.ArpLike(), "ARP");
        var plan = t.Build();
        var header = Delivery.Plain with { Flags = VirtioNetHeaderFlags.RscInfo, CsumStart = 1 };
        var j = Judge(new Delivery(plan).Unchanged(0, header));
        Finds(j, OracleRules.RscInfoOnSingle, [0], [0]);
    }
}
