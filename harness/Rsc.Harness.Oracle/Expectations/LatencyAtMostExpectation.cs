namespace Rsc.Harness.Oracle.Expectations;

/// <summary>Every delivered sent frame reaches the guest within a bound of being sent.</summary>
internal sealed class LatencyAtMostExpectation(long ns)
    : Expectation(Rules.ExpectationRules.LatencyAtMost, $"every frame reaches the guest within {ns} ns")
{
    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var sentAt = new Dictionary<int, long>();
        foreach (var s in context.Capture.Sent)
        {
            sentAt.TryAdd(s.Index, s.SentNs);
        }
        // On a real clock the measured send lateness and the path allowance are tolerated (0 on virtual time).
        long bound = ns + context.Settings.LatencyToleranceNs;
        string tolerance = context.Settings.LatencyToleranceNs == 0 ? "" : $" + tolerance {context.Settings.LatencyToleranceNs} ns";
        var seen = new HashSet<int>();
        foreach (var g in context.Capture.Guest)
        {
            var e = context.Alignment.ExplanationOf(g.Index);
            if (e is null)
            {
                continue;
            }
            foreach (var index in e.SentFrames)
            {
                if (seen.Add(index) && !context.UnjudgedLatency.Contains(index) && sentAt.TryGetValue(index, out var t) && g.TimeNs - t > bound)
                {
                    yield return new Violation(
                        $"sent {index} expected in the guest within {ns} ns{tolerance}; observed {g.TimeNs - t} ns (sent at {t} ns, guest frame {g.Index} at {g.TimeNs} ns)",
                        [g.Index], [index]);
                }
            }
        }
    }
}
