using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Oracle.Tests.Support;

/// <summary>Judging shorthands and assertions that print every finding when they fail.</summary>
internal static class OracleAssert
{
    /// <summary>Long enough that ordinary test units are never late; latency tests set their own.</summary>
    public const long RelaxedIntervalNs = 10_000_000;

    public static OracleSettings Settings(long drainIntervalNs = RelaxedIntervalNs) => new() { DrainIntervalNs = drainIntervalNs };

    /// <summary>A profile excused from <paramref name="rules"/>, with a recognisable behaviour and citation.</summary>
    public static Rsc.Harness.Core.Devices.DeviceCapabilities Excusing(params string[] rules) =>
        Rsc.Harness.Core.Devices.DeviceCapabilities.Full.Excusing(
            rules.Select(r => new Rsc.Harness.Core.Devices.RuleExcuse(r, $"does not do {r}", "test.c")));

    public static Judgement Judge(Delivery delivery, OracleSettings? settings = null, params Expectation[] expectations) =>
        new RscOracle(settings ?? Settings()).Judge(delivery.Plan, delivery.Capture(), expectations);

    public static Judgement Judge(TrafficPlan plan, Rsc.Harness.Core.Capture.DeviceCapture capture, OracleSettings? settings = null, params Expectation[] expectations) =>
        new RscOracle(settings ?? Settings()).Judge(plan, capture, expectations);

    public static string Describe(Judgement j) =>
        j.Findings.Count == 0 ? "(no findings)" : string.Join(Environment.NewLine, j.Findings);

    public static void Passes(Judgement j)
    {
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(j));
        Assert.That(j.Findings.Where(f => f.Severity != Severity.Info), Is.Empty, () => Describe(j));
    }

    /// <summary>Asserts a finding of <paramref name="rule"/> exists naming the given frames, and returns it.</summary>
    public static Finding Finds(Judgement j, string rule, int[]? guest = null, int[]? sent = null, Severity severity = Severity.Fail)
    {
        var matching = j.Findings.Where(f => f.Rule == rule && f.Severity == severity).ToList();
        Assert.That(matching, Is.Not.Empty, () => $"no {severity} finding of {rule}:{Environment.NewLine}{Describe(j)}");
        var exact = matching.Where(f =>
            (guest is null || f.GuestFrames.SequenceEqual(guest)) &&
            (sent is null || f.SentFrames.SequenceEqual(sent))).ToList();
        Assert.That(exact, Is.Not.Empty,
            () => $"{rule} found but not for guest [{(guest is null ? "*" : string.Join(',', guest))}] sent [{(sent is null ? "*" : string.Join(',', sent))}]:{Environment.NewLine}{Describe(j)}");
        if (severity == Severity.Fail)
        {
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail), () => Describe(j));
        }
        return exact[0];
    }

    public static void FindsNo(Judgement j, string rule) =>
        Assert.That(j.Findings.Where(f => f.Rule == rule), Is.Empty, () => Describe(j));
}
