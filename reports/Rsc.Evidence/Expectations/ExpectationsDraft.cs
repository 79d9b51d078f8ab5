using System.Text.RegularExpressions;
using Rsc.Reports;

namespace Rsc.Evidence.Expectations;

/// <summary>
/// Starts an expectations file from a run: every Fail, NonStrict and Error case with the rules it
/// broke. Reasons are a person's job: each is the placeholder, unless an earlier file gives one for
/// the same case, outcome and rules.
/// </summary>
public static partial class ExpectationsDraft
{
    public static ExpectationsDocument From(ResultsDocument results, string? resultsPath, ExpectationsDocument? previous = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var kind = results.Dut.Kind ?? throw new EvidenceInputException("the run does not record its device's kind");
        var cases = new List<CaseExpectationEntry>();
        foreach (var c in results.Cases.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var observed = ExpectationComparer.Observe(c, previous?.Tolerated ?? []);
            if (!observed.Counted)
            {
                continue;
            }
            var earlier = previous?.Cases.FirstOrDefault(e => string.Equals(e.Id, c.Id, StringComparison.OrdinalIgnoreCase)
                && e.Outcome == observed.Outcome && e.Rules.Order(StringComparer.Ordinal).SequenceEqual(observed.Rules, StringComparer.Ordinal));
            var reason = earlier?.Reason ?? $"{ExpectationsDocument.ReasonPlaceholder} why {kind} breaks {(observed.Rules.Count > 0 ? string.Join(", ", observed.Rules) : "the run (Error: " + c.Error + ")")} in {c.Id}";
            cases.Add(new CaseExpectationEntry(c.Id, observed.Outcome, observed.Rules, reason));
        }
        var s = results.Settings;
        return new ExpectationsDocument
        {
            Device = previous?.Device ?? new DeviceMatch(kind, MajorMinor(results.Dut.Version)),
            Description = previous?.Description ?? $"{ExpectationsDocument.ReasonPlaceholder} what this device is and why it differs from NDIS RSC",
            Source = new ExpectationSource(resultsPath, results.StartedUtc, $"{results.Tool.Name} {results.Tool.Version}", results.Dut.Version,
                FormattableString.Invariant($"{results.Dut.Name}, interval {s.IntervalUs} us, spacing {s.SpacingUs} us")),
            Cases = cases,
            Tolerated = previous?.Tolerated ?? [],
        };
    }

    /// <summary>"7.2.22" → "7.2", "6.18.0-1-amd64" → "6.18"; null when the version has no such start.</summary>
    public static string? MajorMinor(string? version)
    {
        if (version is null)
        {
            return null;
        }
        var m = MajorMinorPattern().Match(version);
        return m.Success ? m.Value : null;
    }

    [GeneratedRegex(@"^\d+\.\d+")]
    private static partial Regex MajorMinorPattern();
}
