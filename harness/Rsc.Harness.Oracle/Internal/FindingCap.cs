namespace Rsc.Harness.Oracle.Internal;

/// <summary>Keeps reports focused: the first findings of each rule and severity, then one summary.</summary>
internal static class FindingCap
{
    public static List<Finding> Apply(IEnumerable<Finding> findings, int perRule)
    {
        var kept = new List<Finding>();
        var counts = new Dictionary<(string, Severity), int>();
        foreach (var f in findings)
        {
            var key = (f.Rule, f.Severity);
            int n = counts.GetValueOrDefault(key) + 1;
            counts[key] = n;
            if (n <= perRule)
            {
                kept.Add(f);
            }
        }
        foreach (var ((rule, severity), n) in counts)
        {
            if (n > perRule)
            {
                kept.Add(new Finding(rule, severity, $"{n - perRule} more {rule} findings not listed ({n} in all)", [], []));
            }
        }
        return kept;
    }
}
