using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>
/// Excused rules: findings on them are still made and reported, as Info with the excuse; every
/// other rule keeps its weight; the case's own requirement is excused only through its own rules.
/// </summary>
public sealed class ExcuseTests
{
    private static TrafficPlan FinAfterData(out int fin)
    {
        var t = new TrafficBuilder();
        var f = t.FlowV4();
        f.Data(1000);
        f.Data(1000);
        f.Data(1000, s => s with { Flags = TcpFlags.Ack | TcpFlags.Fin });
        fin = 2;
        return t.Build();
    }

    private static Judgement Judge(Delivery d, string[] excused, Expectation[] expectations, IReadOnlyCollection<string>? caseRules = null) =>
        new RscOracle(Settings() with { Capabilities = Excusing(excused) })
            .Judge(d.Plan, d.Capture(), expectations, RequirementLevel.Must, caseRules);

    [Test]
    public void An_excused_general_rule_is_info_with_the_excuse_and_does_not_excuse_the_case()
    {
        var plan = FinAfterData(out _);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]), [OracleRules.FinMerged], []);
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(j));
        var f = Finds(j, OracleRules.FinMerged, [0], [2], Severity.Info);
        Assert.That(f.Excuse, Is.EqualTo("does not do E.fin-merged (test.c)"));
        Assert.That(j.ExcusedRequirement, Is.Empty);
    }

    [Test]
    public void An_excused_expectation_excuses_the_case_requirement()
    {
        var plan = FinAfterData(out int fin);
        var alone = Expect.DeliveredAlone(fin).WithRule(OracleRules.FinMerged);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]), [OracleRules.FinMerged], [alone]);
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(j));
        Assert.That(j.ExcusedRequirement, Is.EqualTo(new[] { OracleRules.FinMerged }));
        Assert.That(j.Findings.Where(f => f.Rule == OracleRules.FinMerged), Has.All.Matches<Finding>(f => f.Severity == Severity.Info && f.Excuse != null));
    }

    [Test]
    public void A_general_rule_the_case_names_excuses_the_case_requirement()
    {
        var plan = FinAfterData(out _);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]), [OracleRules.FinMerged], [], [OracleRules.FinMerged]);
        Assert.That(j.ExcusedRequirement, Is.EqualTo(new[] { OracleRules.FinMerged }));
    }

    [Test]
    public void The_same_expectation_not_excused_fails()
    {
        var plan = FinAfterData(out int fin);
        var alone = Expect.DeliveredAlone(fin).WithRule(OracleRules.FinMerged);
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2]), [], [alone]);
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail), () => Describe(j));
        Assert.That(j.ExcusedRequirement, Is.Empty);
    }

    [Test]
    public void Unexcused_rules_keep_their_weight_beside_excused_ones()
    {
        var plan = FinAfterData(out int fin);
        var alone = Expect.DeliveredAlone(fin).WithRule(OracleRules.FinMerged);
        // The coalesced frame's IPv4 header checksum is broken on top of the excused FIN merge.
        var j = Judge(new Delivery(plan).Coalesced([0, 1, 2], bytes: b => { b[24] ^= 0xFF; return b; }), [OracleRules.FinMerged], [alone]);
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail), () => Describe(j));
        Finds(j, OracleRules.IpChecksum, [0]);
        Assert.That(j.ExcusedRequirement, Is.EqualTo(new[] { OracleRules.FinMerged }));
    }

    [Test]
    public void A_lost_frame_is_never_excused_by_a_behaviour_rule()
    {
        var plan = FinAfterData(out int fin);
        var alone = Expect.DeliveredAlone(fin).WithRule(BehaviourRules.ContinueAfterPsh);
        var j = Judge(new Delivery(plan).Coalesced([0, 1]), [BehaviourRules.ContinueAfterPsh], [alone]);
        Finds(j, OracleRules.Lost, [], [2]);
    }
}
