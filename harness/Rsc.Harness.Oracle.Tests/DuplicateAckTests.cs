using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>The readings of duplicate ACKs that the sources allow, and the one they discourage.</summary>
public sealed class DuplicateAckTests
{
    /// <summary>0-1 data, 2-4 duplicate ACKs of it.</summary>
    private static TrafficPlan DupsAfterData()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1448);
        f.Data(1448);
        f.PureAck(label: "dup 1");
        f.PureAck(label: "dup 2");
        f.PureAck(label: "dup 3");
        return t.Build();
    }

    /// <summary>0 a cumulative ACK, 1-3 duplicates of it.</summary>
    private static TrafficPlan DupsAfterCumulativeAck(bool v6 = false)
    {
        var t = new TrafficBuilder();
        var f = v6 ? t.FlowV6() : t.FlowV4();
        f.Ack += 2896;
        f.PureAck(label: "cumulative");
        f.PureAck(label: "dup 1");
        f.PureAck(label: "dup 2");
        f.PureAck(label: "dup 3");
        return t.Build();
    }

    [Test]
    public void After_data_the_first_dup_starts_a_unit_counting_one_less()
    {
        var j = Judge(new Delivery(DupsAfterData()).Coalesced([0, 1]).Coalesced([2, 3, 4], dupAcks: 2));
        Passes(j);
        Assert.That(j.Alignment.Guest[1].ExpectedDupAcks, Is.EqualTo(2));
        Assert.That(j.Alignment.Guest[1].ExpectedSegments, Is.Zero);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void After_a_cumulative_ack_each_dup_counts(bool v6)
    {
        var j = Judge(new Delivery(DupsAfterCumulativeAck(v6)).Coalesced([0, 1, 2, 3], dupAcks: 3));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].ExpectedDupAcks, Is.EqualTo(3));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void The_exemption_delivers_every_dup_alone(bool v6)
    {
        var j = Judge(new Delivery(DupsAfterCumulativeAck(v6)).AllUnchanged());
        Passes(j);
        Assert.That(j.Alignment.Guest.Select(g => g.SentFrames.Single()), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Passes(Judge(new Delivery(DupsAfterData()).Coalesced([0, 1]).Unchanged(2, 3, 4)));
    }

    [Test]
    public void The_exemption_is_accepted_whatever_the_declared_capability()
    {
        // The profile holds the device to every rule: delivering each duplicate alone is still allowed.
        var settings = Settings() with { Capabilities = Rsc.Harness.Core.Devices.DeviceCapabilities.Full };
        Passes(Judge(new Delivery(DupsAfterData()).Coalesced([0, 1]).Unchanged(2, 3, 4), settings));
    }

    [Test]
    public void A_dup_absorbed_into_a_data_unit_is_non_strict()
    {
        var j = Judge(new Delivery(DupsAfterData()).Coalesced([0, 1, 2], dupAcks: 1).Coalesced([3, 4], dupAcks: 1));
        Assert.That(j.Outcome, Is.EqualTo(Outcome.NonStrict), () => Describe(j));
        Finds(j, OracleRules.DupAckInDataUnit, [0], [2], Severity.NonStrict);
        Assert.That(j.Alignment.Guest[0].ExpectedDupAcks, Is.EqualTo(1));
    }

    [Test]
    public void The_dup_ack_count_must_follow_the_reading_the_unit_shows()
    {
        var j = Judge(new Delivery(DupsAfterData()).Coalesced([0, 1]).Coalesced([2, 3, 4], dupAcks: 3));
        Finds(j, OracleRules.DupAckCount, [1], [2, 3, 4]);
        j = Judge(new Delivery(DupsAfterCumulativeAck()).Coalesced([0, 1, 2, 3], dupAcks: 4));
        Finds(j, OracleRules.DupAckCount, [0], [0, 1, 2, 3]);
    }

    [Test]
    public void A_count_short_of_the_dups_present_reads_as_the_last_dup_lost()
    {
        // Identical dups: the device's own count says which ones it merged.
        var j = Judge(new Delivery(DupsAfterCumulativeAck()).Coalesced([0, 1, 2, 3], dupAcks: 2));
        Finds(j, OracleRules.Lost, [], [3]);
        Assert.That(j.Alignment.Guest[0].SentFrames, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void A_split_of_identical_dups_is_aligned_by_the_counts()
    {
        // IPv6 duplicate ACKs are byte-identical: only the counts tell where one unit ends.
        var t = new TrafficBuilder();
        var f = t.FlowV6();
        f.Ack += 100;
        f.PureAck();
        for (int i = 0; i < 8; i++) f.PureAck();
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2, 3, 4, 5], dupAcks: 5).Coalesced([6, 7, 8], dupAcks: 2));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].SentFrames, Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5 }));
    }

    [Test]
    public void A_window_update_is_never_counted()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Ack += 100;
        f.PureAck();
        f.Window = 1000;
        f.PureAck(label: "window update");
        f.PureAck(label: "dup");
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], dupAcks: 1));
        Passes(j);
        Assert.That(j.Alignment.Guest[0].ExpectedDupAcks, Is.EqualTo(1));
    }

    [Test]
    public void A_dup_ack_carrying_sack_may_not_be_absorbed()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Ack += 100;
        f.PureAck();
        f.PureAck(s => s with { Options = [TcpOption.Nop, TcpOption.Nop, new SackOption([(10, 20)])] });
        var plan = t.Build();
        var j = Judge(new Delivery(plan).Coalesced([0, 1], dupAcks: 1));
        Finds(j, OracleRules.OptionsMerged, [0], [1]);
    }
}
