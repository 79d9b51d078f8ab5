using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>Segments are not held past the interval (R, SEED); the NDIS counters match the delivery (OID).</summary>
public sealed class LatencyAndStatisticsTests
{
    private static TrafficPlan Baseline(int segments)
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        for (int i = 0; i < segments; i++) f.Data(1448);
        return t.Build();
    }

    [Test]
    public void A_unit_flushed_within_the_interval_passes()
    {
        // 0 sent at 0, 2 at 200 us; flushed at 300 us with a 300 us interval.
        var plan = Baseline(3);
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2], atNs: 300_000), Settings(300_000)));
    }

    [Test]
    public void A_segment_held_past_the_interval_is_late()
    {
        var plan = Baseline(4);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2, 3], atNs: 350_000), Settings(300_000));
        var f = Finds(j, OracleRules.Latency, [0], [0]);
        Assert.That(f.Message, Does.Contain("350000 ns"));
    }

    [Test]
    public void Tolerance_extends_the_interval()
    {
        var plan = Baseline(4);
        var settings = Settings(300_000) with { LatencyToleranceNs = 60_000, Timing = TimingMode.Real };
        Passes(Judge(new Delivery(plan).Coalesced([0, 1, 2, 3], atNs: 350_000), settings));
    }

    [Test]
    public void Latency_excused_is_still_measured_and_reported_as_info()
    {
        var plan = Baseline(4);
        var settings = Settings(300_000) with { Capabilities = Excusing(OracleRules.Latency) };
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2, 3], atNs: 5_000_000), settings);
        Passes(j);
        var f = Finds(j, OracleRules.Latency, [0], null, Severity.Info);
        Assert.That(f.Excuse, Is.Not.Null);
        Assert.That(f.Message, Does.Contain("held up to"));
    }

    [Test]
    public void A_lost_frame_notes_when_observation_ended()
    {
        var plan = Baseline(2);
        var d = new Delivery(plan).Unchanged(0);
        var j = new RscOracle(Settings(300_000)).Judge(plan, d.Capture(observationEndNs: 150_000), []);
        var f = Finds(j, OracleRules.Lost, [], [1]);
        Assert.That(f.Message, Does.Contain("observation ended at 150000 ns"));
    }

    private static Judgement WithStatistics(DeviceStatistics stats, OracleSettings? settings = null)
    {
        var plan = Baseline(6);
        var d = new Delivery(plan).Coalesced([0, 1, 2]).Coalesced([3, 4]).Unchanged(5);
        return new RscOracle(settings ?? Settings()).Judge(plan, d.Capture(statistics: stats), []);
    }

    private static DeviceStatistics Stats(long packets, long octets, long events) => new(packets, octets, events, 0, new Dictionary<string, long>());

    [Test]
    public void Matching_statistics_pass()
    {
        Passes(WithStatistics(Stats(5, 5 * 1448, 2)));
    }

    [Test]
    public void Each_counter_that_is_off_is_named()
    {
        var j = WithStatistics(Stats(6, 5 * 1448, 2));
        Finds(j, OracleRules.CoalescedPackets, [], []);
        FindsNo(j, OracleRules.CoalescedOctets);
        Finds(WithStatistics(Stats(5, 5 * 1448 + 1, 2)), OracleRules.CoalescedOctets, [], []);
        var f = Finds(WithStatistics(Stats(5, 5 * 1448, 3)), OracleRules.CoalesceEvents, [], []);
        Assert.That(f.Message, Does.Contain("expected 2").And.Contain("observed 3"));
    }

    [Test]
    public void Wrong_counters_of_an_excused_device_are_info()
    {
        var settings = Settings() with { Capabilities = Excusing(OracleRules.CoalescedPackets, OracleRules.CoalescedOctets, OracleRules.CoalesceEvents) };
        var j = WithStatistics(Stats(0, 0, 0), settings);
        Passes(j);
        Finds(j, OracleRules.CoalescedPackets, [], [], Severity.Info);
    }

    [Test]
    public void No_counters_at_all_give_no_general_finding()
    {
        var plan = Baseline(3);
        Passes(new RscOracle(Settings()).Judge(plan, new Delivery(plan).Coalesced([0, 1, 2]).Capture(), []));
    }
}
