using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Reports;

namespace Rsc.Evidence.Expectations;

/// <summary>
/// Compares a run with a device's expectations. A difference is an unexpected Fail, NonStrict or
/// Error (a regression), an expected one that no longer happens or happens on other rules (a stale
/// or changed expectation: the file must be updated, and a person must say why), or a run that did
/// not judge every planned case. Findings on tolerated rules are left out on both sides.
/// </summary>
public static class ExpectationComparer
{
    public static ExpectationComparison Compare(ResultsDocument results, ExpectationsDocument expectations)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(expectations);
        if (!expectations.Device.Matches(results.Dut.Kind, results.Dut.Version))
        {
            throw new EvidenceInputException(
                $"the expectations are for {expectations.Device}, the run's device is {results.Dut.Kind ?? "unknown"} {results.Dut.Version ?? "(version unknown)"} ({results.Dut.Name})");
        }
        var differences = new List<ExpectationDifference>();
        int matched = 0;
        var expectedById = expectations.Cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var c in results.Cases)
        {
            var observed = Observe(c, expectations.Tolerated);
            expectedById.TryGetValue(c.Id, out var expected);
            expectedById.Remove(c.Id);
            if (expected is null)
            {
                if (observed.Counted)
                {
                    differences.Add(new ExpectationDifference(DifferenceKind.Unexpected, c.Id, null, [], observed.Outcome, observed.Rules, c.Error));
                }
                continue;
            }
            var expectedRules = expected.Rules.Where(r => !IsTolerated(expectations.Tolerated, r, c.Id)).ToHashSet(StringComparer.Ordinal);
            if (!observed.Counted)
            {
                differences.Add(new ExpectationDifference(DifferenceKind.Stale, c.Id, expected.Outcome, [.. expected.Rules.Order(StringComparer.Ordinal)], observed.Outcome, observed.Rules, null));
            }
            else if (observed.Outcome != expected.Outcome || !expectedRules.SetEquals(observed.Rules))
            {
                differences.Add(new ExpectationDifference(DifferenceKind.Changed, c.Id, expected.Outcome, [.. expected.Rules.Order(StringComparer.Ordinal)], observed.Outcome, observed.Rules, c.Error));
            }
            else
            {
                matched++;
            }
        }
        var planned = new HashSet<string>(results.PlannedCases, StringComparer.OrdinalIgnoreCase);
        var notRun = expectedById.Keys.Where(id => !planned.Contains(id)).Order(StringComparer.Ordinal).ToList();
        return new ExpectationComparison(results, expectations, differences, matched, notRun, Incompleteness(results));
    }

    /// <summary>The outcome and rules that count once tolerated findings are left out.</summary>
    public static ObservedCase Observe(CaseEntry entry, IReadOnlyList<ToleratedRule> tolerated)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(tolerated);
        if (entry.Outcome == Outcome.Error)
        {
            return new ObservedCase(Outcome.Error, [], true);
        }
        if (entry.Outcome is not (Outcome.Fail or Outcome.NonStrict))
        {
            return new ObservedCase(entry.Outcome, [], false);
        }
        var counted = entry.Findings
            .Where(f => f.Severity is Severity.Fail or Severity.NonStrict && !IsTolerated(tolerated, f.Rule, entry.Id))
            .ToList();
        var rules = counted.Select(f => f.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (counted.Any(f => f.Severity == Severity.Fail))
        {
            return new ObservedCase(Outcome.Fail, rules, true);
        }
        if (counted.Count > 0)
        {
            return new ObservedCase(Outcome.NonStrict, rules, true);
        }
        // Only tolerated findings: the case stands as if they were not there.
        return new ObservedCase(Outcome.Pass, [], false);
    }

    /// <summary>Why the run cannot be compared as a whole, or null when it judged every planned case.</summary>
    public static string? Incompleteness(ResultsDocument results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var notJudged = results.NotJudged();
        if (results.Complete == true && notJudged.Count == 0)
        {
            return null;
        }
        var why = results.Interrupted is { } i ? $"interrupted ({i.Reason}{(i.Detail is null ? "" : ": " + i.Detail)})"
            : results.FinishedUtc is null ? "never finished" : "not marked complete";
        return string.Create(CultureInfo.InvariantCulture, $"the run is incomplete: {why}; {results.Cases.Count} of {results.Planned} planned cases judged")
            + (notJudged.Count > 0 ? $", not judged: {string.Join(' ', notJudged.Take(8))}{(notJudged.Count > 8 ? " …" : "")}" : "");
    }

    private static bool IsTolerated(IReadOnlyList<ToleratedRule> tolerated, string rule, string caseId) =>
        tolerated.Any(t => string.Equals(t.Rule, rule, StringComparison.Ordinal) && t.Covers(caseId));
}

/// <param name="Counted">Fail, NonStrict or Error once tolerated findings are left out.</param>
public sealed record ObservedCase(Outcome Outcome, IReadOnlyList<string> Rules, bool Counted);

public enum DifferenceKind
{
    /// <summary>A Fail, NonStrict or Error no expectation names: a regression.</summary>
    Unexpected,

    /// <summary>An expected failure that no longer happens.</summary>
    Stale,

    /// <summary>Still failing, but with another outcome or on other rules.</summary>
    Changed,
}

public sealed record ExpectationDifference(
    DifferenceKind Kind,
    string CaseId,
    Outcome? ExpectedOutcome,
    IReadOnlyList<string> ExpectedRules,
    Outcome ObservedOutcome,
    IReadOnlyList<string> ObservedRules,
    string? Error)
{
    public string Render()
    {
        var expected = ExpectedOutcome is { } e ? $"{e} [{string.Join(", ", ExpectedRules)}]" : "nothing";
        var observed = ObservedOutcome == Outcome.Error
            ? $"Error ({Error ?? "no detail"})"
            : ObservedRules.Count > 0 ? $"{ObservedOutcome} [{string.Join(", ", ObservedRules)}]" : ObservedOutcome.ToString();
        var line = $"{Kind.ToString().ToLowerInvariant(),-10} {CaseId}: expected {expected}, observed {observed}";
        if (Kind == DifferenceKind.Changed)
        {
            var added = ObservedRules.Except(ExpectedRules, StringComparer.Ordinal).ToList();
            var gone = ExpectedRules.Except(ObservedRules, StringComparer.Ordinal).ToList();
            if (added.Count > 0)
            {
                line += $"; new: {string.Join(", ", added)}";
            }
            if (gone.Count > 0)
            {
                line += $"; no longer: {string.Join(", ", gone)}";
            }
        }
        return line;
    }
}

/// <summary>The comparison of one run with one expectations file.</summary>
/// <param name="NotRun">Expected cases the run did not select (a partial run; not a difference).</param>
/// <param name="Incomplete">Why the run is incomplete, or null.</param>
public sealed record ExpectationComparison(
    ResultsDocument Results,
    ExpectationsDocument Expectations,
    IReadOnlyList<ExpectationDifference> Differences,
    int MatchedExpectations,
    IReadOnlyList<string> NotRun,
    string? Incomplete)
{
    public bool Holds => Differences.Count == 0 && Incomplete is null;

    public int ExitCode => Holds ? Evidence.ExitCode.Success : Evidence.ExitCode.Failure;

    public string Render(string expectationsName)
    {
        var text = new StringBuilder();
        var d = Results.Dut;
        text.Append(CultureInfo.InvariantCulture, $"expectations {expectationsName} ({Expectations.Device}) against {d.Name} ({d.Kind} {d.Version}), {Results.Cases.Count} cases\n");
        foreach (var difference in Differences)
        {
            text.Append(difference.Render()).Append('\n');
        }
        if (Incomplete is not null)
        {
            text.Append("incomplete ").Append(Incomplete).Append('\n');
        }
        if (NotRun.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"not run    {NotRun.Count} expected case(s) not selected by this run: {string.Join(' ', NotRun.Take(10))}{(NotRun.Count > 10 ? " …" : "")}\n");
        }
        var drafts = Expectations.Cases.Count(c => ExpectationsDocument.IsPlaceholder(c.Reason));
        if (drafts > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"draft      {drafts} expectation(s) still have no reason ({ExpectationsDocument.ReasonPlaceholder})\n");
        }
        int unexpected = Differences.Count(x => x.Kind == DifferenceKind.Unexpected);
        int stale = Differences.Count(x => x.Kind == DifferenceKind.Stale);
        int changed = Differences.Count(x => x.Kind == DifferenceKind.Changed);
        text.Append(Holds
            ? string.Create(CultureInfo.InvariantCulture, $"result: as expected ({MatchedExpectations} expected failure(s) seen, nothing else failed)\n")
            : string.Create(CultureInfo.InvariantCulture, $"result: NOT as expected ({unexpected} unexpected, {stale} stale, {changed} changed{(Incomplete is null ? "" : ", run incomplete")})\n"));
        return text.ToString();
    }
}
