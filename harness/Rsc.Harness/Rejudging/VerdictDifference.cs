using Rsc.Reports;

namespace Rsc.Harness.Rejudging;

/// <summary>
/// How two verdicts on one case differ: the outcome, and the findings as a multiset of (rule,
/// severity, guest frames, sent frames). Messages and the order of findings do not count.
/// </summary>
public sealed record VerdictDifference(string CaseId, Core.Outcome Before, Core.Outcome After, IReadOnlyList<string> Removed, IReadOnlyList<string> Added)
{
    /// <summary>The difference between <paramref name="before"/> and <paramref name="after"/>; null when the verdicts are the same.</summary>
    public static VerdictDifference? Of(CaseEntry before, CaseEntry after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var removed = Keys(before);
        var added = new List<string>();
        foreach (var key in Keys(after))
        {
            if (!removed.Remove(key))
            {
                added.Add(key);
            }
        }
        if (before.Outcome == after.Outcome && removed.Count == 0 && added.Count == 0)
        {
            return null;
        }
        return new VerdictDifference(after.Id, before.Outcome, after.Outcome, removed, added);
    }

    public override string ToString()
    {
        var lines = new List<string> { $"{CaseId}: {Before} -> {After}" };
        lines.AddRange(Removed.Select(finding => $"  - {finding}"));
        lines.AddRange(Added.Select(finding => $"  + {finding}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static List<string> Keys(CaseEntry entry) =>
        [.. entry.Findings
            .Select(finding => $"{finding.Severity} {finding.Rule} guest [{string.Join(',', finding.Frames)}] sent [{string.Join(',', finding.SentFrames)}]")
            .Order(StringComparer.Ordinal)];
}
