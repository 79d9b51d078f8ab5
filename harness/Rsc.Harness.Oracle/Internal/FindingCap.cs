namespace Rsc.Harness.Oracle.Internal;

/// <summary>Keeps reports focused: the first findings of each rule and severity, then one summary.</summary>
internal static class FindingCap
{
    public static List<Finding> Apply(IEnumerable<Finding> findings, int perRule)
    {
        var kept = new List<Finding>();
        var counts = new Dictionary<(string, Severity), int>();
        foreach (var finding in findings)
        {
            var key = (finding.Rule, finding.Severity);
            int count = counts.GetValueOrDefault(key) + 1;
            counts[key] = count;
            if (count <= perRule)
            {
                kept.Add(finding);
            }
        }
        foreach (var ((rule, severity), count) in counts)
        {
            if (count > perRule)
            {
                kept.Add(new Finding(rule, severity, $"{count - perRule} more {rule} findings not listed ({count} in all)", [], []));
            }
        }
        return kept;
    }
}
