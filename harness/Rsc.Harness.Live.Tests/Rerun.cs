using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// A case that did not pass, with what made it fail: the first finding that weighs (neither Info
/// nor excused), else the first finding, else the run's error.
/// </summary>
internal sealed record Rerun(string CaseId, Outcome Outcome, string Rule, string Message)
{
    public static Rerun After(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var finding = result.Findings.FirstOrDefault(f => f.Severity != Severity.Info && f.Excuse is null)
            ?? result.Findings.FirstOrDefault();
        return new Rerun(
            result.Case.Id,
            result.Outcome,
            finding?.Rule ?? "(no finding)",
            finding?.Message ?? result.Error ?? "(no message)");
    }

    public override string ToString() => $"{CaseId} {Outcome}: {Rule}: {Message}";
}
