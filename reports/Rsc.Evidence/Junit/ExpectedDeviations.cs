using Rsc.Evidence.Expectations;
using Rsc.Reports.JUnit;

namespace Rsc.Evidence.Junit;

/// <summary>
/// A device's expectations file as JUnit's known deviations: a case is known when the file expects
/// its outcome with exactly the rules it broke (tolerated rules aside), the same test
/// `rsc run --expect` applies; anything else is reported as it came out.
/// </summary>
public static class ExpectedDeviations
{
    public static JUnitReport.KnownDeviation From(ExpectationsDocument expectations)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        var expected = expectations.Cases.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        return (_, entry) =>
        {
            var observed = ExpectationComparer.Observe(entry, expectations.Tolerated);
            return observed is { Counted: true }
                && expected.TryGetValue(entry.Id, out var e)
                && e.Outcome == observed.Outcome
                && e.Rules.ToHashSet(StringComparer.Ordinal).SetEquals(observed.Rules)
                ? $"[{string.Join(", ", e.Rules)}] {e.Reason}"
                : null;
        };
    }
}
