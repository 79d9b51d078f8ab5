using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>
/// A run whose guest side was not captured (a Windows adapter judged from its counters): only the
/// counters are judged; everything else is listed as not observed and never passes.
/// </summary>
public sealed class CountersOnlyTests
{
    private static TrafficPlan Baseline(int segments)
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        for (int i = 0; i < segments; i++) f.Data(1448);
        return t.Build();
    }

    private static DeviceCapture CountersOnly(TrafficPlan plan, DeviceStatistics stats) =>
        new Delivery(plan).Capture(statistics: stats) with { Guest = [], GuestObserved = false };

    private static DeviceStatistics Stats(long packets, long octets, long events, long aborts) => new(packets, octets, events, aborts, new Dictionary<string, long>());

    [Test]
    public void Counters_are_judged_and_frame_rules_are_listed_as_not_observed()
    {
        var plan = Baseline(3);
        var capture = CountersOnly(plan, Stats(3, 3 * 1448, 1, 0));

        var j = new RscOracle(Settings()).Judge(plan, capture,
            [Expect.MergedTogether(0, 1, 2), Expect.Statistics(coalescedPackets: 3, aborts: 0)], RequirementLevel.Must, ["VS.segment-count"]);

        Assert.Multiple(() =>
        {
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), "nothing that was observed broke");
            Assert.That(j.UnobservedRequirement, Is.EqualTo(new[] { "R.merged-together", "VS.segment-count" }));
            Assert.That(j.Findings.Where(f => f.Rule == OracleRules.NotObserved).Select(f => f.Severity), Is.All.EqualTo(Severity.Info));
            Assert.That(j.Findings.Any(f => f.Rule == OracleRules.NotObserved && f.Message.StartsWith("general rules not observed", StringComparison.Ordinal)
                && f.Message.Contains(OracleRules.Lost, StringComparison.Ordinal) && f.Message.Contains(OracleRules.CoalescedPackets, StringComparison.Ordinal)), Is.True);
            Assert.That(j.Findings.Any(f => f.Message.StartsWith("R.merged-together not observed", StringComparison.Ordinal)), Is.True);
            Assert.That(j.Findings.Select(f => f.Rule), Has.None.EqualTo(OracleRules.Lost), "no guest frames is not loss when none could be seen");
            Assert.That(j.Findings.Select(f => f.Rule), Has.None.EqualTo("OID.statistics"));
        });
    }

    [Test]
    public void A_counter_that_breaks_its_expectation_still_fails()
    {
        var plan = Baseline(3);
        var capture = CountersOnly(plan, Stats(3, 3 * 1448, 1, 2));

        var j = new RscOracle(Settings()).Judge(plan, capture, [Expect.Statistics(aborts: 0)], RequirementLevel.Must);

        Assert.Multiple(() =>
        {
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail));
            Assert.That(Finds(j, "OID.statistics", [], []).Message, Is.EqualTo("Aborts expected 0, observed 2"));
            Assert.That(j.UnobservedRequirement, Is.Empty);
        });
    }

    [Test]
    public void With_the_guest_side_captured_nothing_is_reported_as_not_observed()
    {
        var plan = Baseline(3);
        var j = new RscOracle(Settings()).Judge(plan, new Delivery(plan).Coalesced([0, 1, 2]).Capture(), [Expect.MergedTogether(0, 1, 2)]);

        Assert.Multiple(() =>
        {
            FindsNo(j, OracleRules.NotObserved);
            Assert.That(j.UnobservedRequirement, Is.Empty);
        });
    }
}
