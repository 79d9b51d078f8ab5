using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>Every Expect factory: met, broken (with frames named), and how its findings weigh.</summary>
public sealed class ExpectationTests
{
    /// <summary>Six segments of one flow delivered as [0,1,2] [3,4] [5].</summary>
    private static Delivery Typical()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        for (int i = 0; i < 6; i++) f.Data(1448);
        return new Delivery(t.Build()).Coalesced([0, 1, 2]).Coalesced([3, 4]).Unchanged(5);
    }

    private static Judgement Check(params Expectation[] expectations) => Judge(Typical(), null, expectations);

    [Test]
    public void Merged_together()
    {
        Passes(Check(Expect.MergedTogether(0, 1, 2)));
        var j = Check(Expect.MergedTogether(2, 3));
        var f = Finds(j, "R.merged-together", [0, 1], [2, 3]);
        Assert.That(f.Message, Does.Contain("2→guest 0").And.Contain("3→guest 1"));
        Assert.Throws<ArgumentException>(() => Expect.MergedTogether(1));
    }

    [Test]
    public void Delivered_alone()
    {
        Passes(Check(Expect.DeliveredAlone(5)));
        Finds(Check(Expect.DeliveredAlone(3)), "R.delivered-alone", [1], [3, 4]);
        var lost = Judge(new Delivery(Typical().Plan).Coalesced([0, 1, 2]).Coalesced([3, 4]), null, Expect.DeliveredAlone(5));
        Finds(lost, "R.delivered-alone", [], [5]);
    }

    [Test]
    public void Not_merged_together()
    {
        Passes(Check(Expect.NotMergedTogether(2, 3)));
        Finds(Check(Expect.NotMergedTogether(3, 4)), "R.not-merged-together", [1], [3, 4]);
    }

    [Test]
    public void Guest_frame_count()
    {
        Passes(Check(Expect.GuestFrameCount(3)));
        Passes(Check(Expect.GuestFrameCount(2, 4)));
        var f = Finds(Check(Expect.GuestFrameCount(6)), "R.guest-frame-count", [], []);
        Assert.That(f.Message, Does.Contain("expected 6, observed 3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Expect.GuestFrameCount(3, 2));
    }

    [Test]
    public void Coalesced_frame_count()
    {
        Passes(Check(Expect.CoalescedFrameCount(2)));
        Finds(Check(Expect.CoalescedFrameCount(0, 1)), "R.coalesced-frame-count", [0, 1], []);
    }

    [Test]
    public void Rsc_counts()
    {
        Passes(Check(Expect.RscCounts(4, 2, 0), Expect.RscCounts(5, 0, 0)));
        var f = Finds(Check(Expect.RscCounts(0, 2, 0)), "VS.rsc-counts", [0], [0]);
        Assert.That(f.Message, Does.Contain("expected 2/0, observed 3/0"));
    }

    [Test]
    public void Delivered_in_order()
    {
        Passes(Check(Expect.DeliveredInOrder(2, 3)));
        Finds(Check(Expect.DeliveredInOrder(5, 0)), "ORDER.delivered-in-order", [0, 2], [5, 0]);
        Finds(Check(Expect.DeliveredInOrder(0, 1)), "ORDER.delivered-in-order", [0], [0, 1]);
    }

    [Test]
    public void Latency_at_most()
    {
        // Guest frame 0 arrives 1 us after sent 2 (at 200 us), so sent 0 waited 201 us.
        Passes(Check(Expect.LatencyAtMost(201_000)));
        Finds(Check(Expect.LatencyAtMost(150_000)), "SEED.latency-at-most", [0], [0]);
    }

    [Test]
    public void Statistics()
    {
        var d = Typical();
        var capture = d.Capture(statistics: new DeviceStatistics(5, 5 * 1448, 2, 1, new Dictionary<string, long>()));
        var oracle = new RscOracle(Settings());
        Passes(oracle.Judge(d.Plan, capture, [Expect.Statistics(aborts: 1), Expect.Statistics(5, 5 * 1448, 2)]));
        var j = oracle.Judge(d.Plan, capture, [Expect.Statistics(aborts: 0)]);
        var f = Finds(j, "OID.statistics", [], []);
        Assert.That(f.Message, Is.EqualTo("Aborts expected 0, observed 1"));
        Finds(Check(Expect.Statistics(coalescedPackets: 5)), "OID.statistics", [], []);
    }

    [Test]
    public void That_runs_inline_checks_under_the_given_rule()
    {
        var ok = Expect.That("PC.custom", "nothing to report", _ => []);
        var broken = Expect.That("PC.custom", "always complains", c => [new Violation($"saw {c.Capture.Guest.Count} frames", [1], [3])]);
        Passes(Check(ok));
        var f = Finds(Check(broken), "PC.custom", [1], [3]);
        Assert.That(f.Message, Is.EqualTo("saw 3 frames"));
    }

    [Test]
    public void Expectations_weigh_as_the_case_level_unless_they_fix_their_own()
    {
        var d = Typical();
        var oracle = new RscOracle(Settings());
        var broken = Expect.GuestFrameCount(6);
        Assert.That(oracle.Judge(d.Plan, d.Capture(), [broken]).Outcome, Is.EqualTo(Outcome.Fail));
        Assert.That(oracle.Judge(d.Plan, d.Capture(), [broken], RequirementLevel.Must).Outcome, Is.EqualTo(Outcome.Fail));
        Assert.That(oracle.Judge(d.Plan, d.Capture(), [broken], RequirementLevel.Should).Outcome, Is.EqualTo(Outcome.NonStrict));
        var info = oracle.Judge(d.Plan, d.Capture(), [broken], RequirementLevel.Info);
        Assert.That(info.Outcome, Is.EqualTo(Outcome.Pass));
        Assert.That(info.Findings.Single().Severity, Is.EqualTo(Severity.Info));
        Assert.That(oracle.Judge(d.Plan, d.Capture(), [broken.WithLevel(RequirementLevel.Should)], RequirementLevel.Must).Outcome, Is.EqualTo(Outcome.NonStrict));
        Assert.That(oracle.Judge(d.Plan, d.Capture(), [broken.WithLevel(RequirementLevel.Must)], RequirementLevel.Info).Outcome, Is.EqualTo(Outcome.Fail));
    }

    [Test]
    public void With_rule_renames_and_keeps_the_level()
    {
        var renamed = Expect.GuestFrameCount(6).WithLevel(RequirementLevel.Should).WithRule("EX.frames");
        Assert.That(renamed.Rule, Is.EqualTo("EX.frames"));
        Assert.That(renamed.Level, Is.EqualTo(RequirementLevel.Should));
        var j = Check(renamed);
        Finds(j, "EX.frames", [], [], Severity.NonStrict);
    }

    [Test]
    public void The_general_rules_keep_their_own_weight_at_any_case_level()
    {
        var d = new Delivery(Typical().Plan).Coalesced([0, 1, 2]).Coalesced([3, 4]);
        var j = new RscOracle(Settings()).Judge(d.Plan, d.Capture(), [], RequirementLevel.Info);
        Finds(j, OracleRules.Lost, [], [5]);
    }
}
