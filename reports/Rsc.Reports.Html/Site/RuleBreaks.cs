using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Reports.Html.Site;

/// <summary>How one device broke (or was excused) one rule: cases, frames, and the first example.</summary>
public sealed record DeviceBreak(RunColumn Column, int Cases, int GuestFrames, int SentFrames, int Findings, string FirstCaseId, FindingEntry First);

/// <summary>One rule and the devices that broke it (or whose profile excused it).</summary>
/// <param name="Level">MUST, SHOULD or INFO: the catalogue's level, else what the findings weighed.</param>
public sealed record RuleBreak(string RuleId, RuleDescriptor? Descriptor, string Level, IReadOnlyList<DeviceBreak> Devices)
{
    public int Cases => Devices.Sum(d => d.Cases);
}

/// <summary>
/// The report's view by rule: findings of every run grouped by the rule they name. A finding breaks
/// its rule when it weighs Fail or NonStrict; a finding the device's profile excused is counted
/// apart; Info findings are observations.
/// </summary>
public sealed class RuleBreaks
{
    private RuleBreaks(IReadOnlyList<RuleBreak> broken, IReadOnlyList<RuleBreak> excused, IReadOnlyList<RuleBreak> observed, IReadOnlyList<RuleDescriptor> unbroken)
    {
        Broken = broken;
        Excused = excused;
        Observed = observed;
        Unbroken = unbroken;
    }

    /// <summary>Rules some device broke, most cases first.</summary>
    public IReadOnlyList<RuleBreak> Broken { get; }

    /// <summary>Rules a device's profile excused, with the excuse on each finding.</summary>
    public IReadOnlyList<RuleBreak> Excused { get; }

    /// <summary>Info findings that are not excuses (inapplicable cases, timing the oracle allowed for).</summary>
    public IReadOnlyList<RuleBreak> Observed { get; }

    /// <summary>Catalogue rules no device broke.</summary>
    public IReadOnlyList<RuleDescriptor> Unbroken { get; }

    public static RuleBreaks From(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var broken = Group(model, f => f.Excuse is null && f.Severity is Severity.Fail or Severity.NonStrict);
        var excused = Group(model, f => f.Excuse is not null);
        var observed = Group(model, f => f.Excuse is null && f.Severity == Severity.Info);
        var brokenIds = new HashSet<string>(broken.Select(b => b.RuleId), StringComparer.Ordinal);
        return new RuleBreaks(broken, excused, observed, [.. RuleCatalog.All.Where(r => !brokenIds.Contains(r.Id))]);
    }

    private static List<RuleBreak> Group(ReportModel model, Func<FindingEntry, bool> select)
    {
        var byRule = new Dictionary<string, List<DeviceBreak>>(StringComparer.Ordinal);
        var severities = new Dictionary<string, HashSet<Severity>>(StringComparer.Ordinal);
        foreach (var column in model.Columns)
        {
            var perRule = new Dictionary<string, (int Cases, int Guest, int Sent, int Findings, string First, FindingEntry Finding)>(StringComparer.Ordinal);
            foreach (var id in model.CaseIds)
            {
                if (column.Run.Find(id) is not { } entry)
                {
                    continue;
                }
                foreach (var group in entry.Findings.Where(select).GroupBy(f => f.Rule, StringComparer.Ordinal))
                {
                    int guest = group.SelectMany(f => f.Frames).Distinct().Count();
                    int sent = group.SelectMany(f => f.SentFrames).Distinct().Count();
                    int count = group.Count();
                    if (!severities.TryGetValue(group.Key, out var set))
                    {
                        severities[group.Key] = set = [];
                    }
                    set.UnionWith(group.Select(f => f.Severity));
                    perRule[group.Key] = perRule.TryGetValue(group.Key, out var so)
                        ? (so.Cases + 1, so.Guest + guest, so.Sent + sent, so.Findings + count, so.First, so.Finding)
                        : (1, guest, sent, count, id, group.First());
                }
            }
            foreach (var (rule, s) in perRule)
            {
                if (!byRule.TryGetValue(rule, out var list))
                {
                    byRule[rule] = list = [];
                }
                list.Add(new DeviceBreak(column, s.Cases, s.Guest, s.Sent, s.Findings, s.First, s.Finding));
            }
        }
        return [.. byRule
            .Select(kv => new RuleBreak(kv.Key, RuleCatalog.Find(kv.Key), LevelOf(RuleCatalog.Find(kv.Key), severities[kv.Key]), kv.Value))
            .OrderByDescending(b => b.Cases)
            .ThenBy(b => b.RuleId, StringComparer.Ordinal)];
    }

    /// <summary>The catalogue's level; for rules a case states, the heaviest severity its findings carried.</summary>
    public static string LevelOf(RuleDescriptor? descriptor, IReadOnlySet<Severity> severities)
    {
        ArgumentNullException.ThrowIfNull(severities);
        if (descriptor?.Level is { } level)
        {
            return LevelText(level);
        }
        return severities.Contains(Severity.Fail) ? "MUST" : severities.Contains(Severity.NonStrict) ? "SHOULD" : "INFO";
    }

    public static string LevelText(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "MUST",
        RequirementLevel.Should => "SHOULD",
        _ => "INFO",
    };
}
