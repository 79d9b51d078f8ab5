using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;

namespace Rsc.Harness.Tests.Doubles;

/// <summary>Stand-in verdicts, so runner and CLI tests do not depend on the oracle's rules.</summary>
internal static class Judges
{
    /// <summary>No findings; every guest frame explained by the sent frame of the same index.</summary>
    public static CaseJudge Pass { get; } = (_, _, capture, _, _, _) =>
        new Judgement([], new Alignment([.. capture.Guest.Select(g => new GuestExplanation(g.Index, [g.Index], null, 1, 0))]));

    /// <summary>One finding of the given severity about guest frame 0 and sent frame 0.</summary>
    public static CaseJudge With(Severity severity, string rule = "IPH.psh-or") => (_, _, capture, _, _, _) =>
        new Judgement(
            [new Finding(rule, severity, "PSH was not carried over", [0], [0])],
            new Alignment([.. capture.Guest.Select(g => new GuestExplanation(g.Index, [g.Index], null, 1, 0))]));

    /// <summary>Fails the runs whose 0-based ordinal is listed, passes the rest.</summary>
    public static CaseJudge FailingFor(params int[] failingRuns)
    {
        int run = 0;
        return (settings, plan, capture, expectations, level, rules) =>
            failingRuns.Contains(run++) ? With(Severity.Fail)(settings, plan, capture, expectations, level, rules) : Pass(settings, plan, capture, expectations, level, rules);
    }

    /// <summary>One excused finding on <paramref name="rule"/>, reported as the case's own requirement.</summary>
    public static CaseJudge Excused(string rule) => (_, _, capture, _, _, _) =>
        new Judgement(
            [new Finding(rule, Severity.Info, "window update delivered alone", [0], [0]) { Excuse = "delivers window updates alone (test.c)" }],
            new Alignment([.. capture.Guest.Select(g => new GuestExplanation(g.Index, [g.Index], null, 1, 0))]))
        { ExcusedRequirement = [rule] };

    public static CaseJudge Throwing { get; } = (_, _, _, _, _, _) => throw new NotImplementedException("oracle under construction");

    public static ConformanceRunner Runner(Core.Devices.IDeviceFactory factory, RunOptions? options = null, CaseJudge? judge = null, TimeProvider? clock = null) =>
        new(factory, options ?? new RunOptions(), clock ?? TimeProvider.System, judge ?? Pass);
}
