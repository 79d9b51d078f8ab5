namespace Rsc.Harness.Oracle.Expectations;

/// <summary>Every delivered sent frame reaches the guest within a bound of being sent.</summary>
internal sealed class LatencyAtMostExpectation(long boundNs)
    : Expectation(Rules.ExpectationRules.LatencyAtMost, $"every frame reaches the guest within {boundNs} ns")
{
    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        var sentAt = new Dictionary<int, long>();
        foreach (var frame in context.Capture.Sent)
        {
            sentAt.TryAdd(frame.Index, frame.SentNs);
        }
        // On a real clock the measured send lateness and the path allowance are tolerated (0 on virtual time).
        long bound = boundNs + context.Settings.LatencyToleranceNs;
        string tolerance = context.Settings.LatencyToleranceNs == 0 ? "" : $" + tolerance {context.Settings.LatencyToleranceNs} ns";
        var seen = new HashSet<int>();
        foreach (var delivered in context.Capture.Guest)
        {
            var explanation = context.Alignment.ExplanationOf(delivered.Index);
            if (explanation is null)
            {
                continue;
            }
            foreach (var index in explanation.SentFrames)
            {
                if (seen.Add(index) && !context.UnjudgedLatency.Contains(index) && sentAt.TryGetValue(index, out var sentNs) && delivered.TimeNs - sentNs > bound)
                {
                    yield return new Violation(
                        $"sent {index} expected in the guest within {boundNs} ns{tolerance}; observed {delivered.TimeNs - sentNs} ns (sent at {sentNs} ns, guest frame {delivered.Index} at {delivered.TimeNs} ns)",
                        [delivered.Index], [index]);
                }
            }
        }
    }
}
