using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>On a real clock only where drains fell is left open; everything else stays strict.</summary>
public sealed class RealTimeTests
{
    private const long IntervalNs = 300_000;

    /// <summary>Four segments 100 us apart: a span of 300 us.</summary>
    private static TrafficPlan Plan()
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        for (int i = 0; i < 4; i++) f.Data(1000);
        return t.Build();
    }

    private static Judgement JudgeOn(TimingMode timing, Delivery delivery, params Expectation[] expectations)
    {
        var capture = delivery.Capture() with { Timing = timing };
        return new RscOracle(new OracleSettings { DrainIntervalNs = IntervalNs, Timing = timing })
            .Judge(delivery.Plan, capture, expectations);
    }

    [Test]
    public void A_split_one_drain_can_explain_is_info_on_a_real_clock_and_a_failure_on_virtual_time()
    {
        var split = new Delivery(Plan()).Coalesced([0, 1]).Coalesced([2, 3]);
        var real = JudgeOn(TimingMode.Real, split, Expect.MergedTogether(0, 1, 2, 3));
        Assert.That(real.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(real));
        var info = Finds(real, "R.merged-together", severity: Severity.Info);
        Assert.That(info.Message, Does.Contain("not judged on a real clock").And.Contain("up to 3"));

        var virtualTime = JudgeOn(TimingMode.Virtual, split, Expect.MergedTogether(0, 1, 2, 3));
        Finds(virtualTime, "R.merged-together");
    }

    [Test]
    public void More_pieces_than_drains_can_cut_still_fail_on_a_real_clock()
    {
        var plan = Plan();
        // A span of 300 us allows at most 3 pieces; a device that never merges makes 4.
        var never = new Delivery(plan).AllUnchanged();
        var j = JudgeOn(TimingMode.Real, never, Expect.MergedTogether(0, 1, 2, 3));
        Finds(j, "R.merged-together", sent: [0, 1, 2, 3]);
    }

    [Test]
    public void A_lost_frame_is_never_excused()
    {
        var lost = new Delivery(Plan()).Coalesced([0, 1]).Unchanged(3);
        var j = JudgeOn(TimingMode.Real, lost, Expect.MergedTogether(0, 1, 2));
        Finds(j, "R.merged-together");
        Finds(j, "CONS.lost");
    }

    [Test]
    public void Counts_are_info_on_a_real_clock_but_legality_stays_strict()
    {
        var split = new Delivery(Plan()).Coalesced([0, 1, 2]).Unchanged(3);
        var j = JudgeOn(TimingMode.Real, split, Expect.RscCounts(0, 4, 0), Expect.GuestFrameCount(1), Expect.DeliveredAlone(0), Expect.NotMergedTogether(1, 2));
        Finds(j, "VS.rsc-counts", severity: Severity.Info);
        Finds(j, "R.guest-frame-count", severity: Severity.Info);
        // A legal merge the case did not plan is open on a real clock...
        Finds(j, "R.delivered-alone", severity: Severity.Info);
        Finds(j, "R.not-merged-together", severity: Severity.Info);
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(j));
    }

    [Test]
    public void An_illegal_merge_is_never_excused()
    {
        // ...an illegal one is not: a wrong IP ID in the coalesced header fails the general rules.
        var wrong = new Delivery(Plan()).Coalesced([0, 1, 2], segment: s => s with { IpId = (ushort)(s.IpId + 7) }).Unchanged(3);
        var j = JudgeOn(TimingMode.Real, wrong, Expect.DeliveredAlone(0), Expect.NotMergedTogether(1, 2));
        Finds(j, "IPH.ip-id-first");
        Finds(j, "R.delivered-alone");
        Finds(j, "R.not-merged-together");
    }

    [Test]
    public void Inline_checks_are_strict_unless_they_say_they_depend_on_timing()
    {
        var split = new Delivery(Plan()).Coalesced([0, 1, 2]).Unchanged(3);
        IEnumerable<Violation> Broken(ExpectationContext _) => [new Violation("always", [], [])];
        var j = JudgeOn(TimingMode.Real, split, Expect.That("X.strict", "strict", Broken), Expect.That("X.timing", "timing", Broken, dependsOnTiming: true));
        Finds(j, "X.strict");
        Finds(j, "X.timing", severity: Severity.Info);
    }

    [Test]
    public void Latency_of_back_to_back_frames_is_not_judged_on_a_real_clock_but_a_gap_restores_it()
    {
        var t = new TrafficBuilder(0);
        var f = t.FlowV4();
        for (int i = 0; i < 3; i++) f.Data(1000);
        var plan = t.Build();
        // All three arrive 5 ms after being sent: the first (a gap before it) is late, the other two
        // waited behind it in the queue as far as a real clock can tell.
        var slow = new Delivery(plan).Unchanged(0, atNs: 5_000_000).Unchanged(1, atNs: 5_000_000).Unchanged(2, atNs: 5_000_000);
        var real = JudgeOn(TimingMode.Real, slow);
        var late = Finds(real, "SEED.latency", sent: [0]);
        Finds(real, "SEED.latency", severity: Severity.Info, sent: [1, 2]);
        Assert.That(late.GuestFrames, Is.EqualTo(new[] { 0 }));
        var virtualTime = JudgeOn(TimingMode.Virtual, slow);
        Finds(virtualTime, "SEED.latency", sent: [0]);
        Finds(virtualTime, "SEED.latency", sent: [1]);
    }
}
