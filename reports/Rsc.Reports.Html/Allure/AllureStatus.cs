using Rsc.Harness.Core;

namespace Rsc.Reports.Html.Allure;

/// <summary>
/// How outcomes map onto Allure's statuses: Pass passed, Fail failed, Error broken (the run broke,
/// not the device), Info skipped (informational or not applicable). NonStrict is passed — no MUST
/// was broken — and carries the tag "non-strict" and the unmet SHOULDs as its status message, so
/// it can be filtered without counting as a failure. A planned case never judged is skipped with
/// stage "interrupted".
/// </summary>
public static class AllureStatus
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Broken = "broken";
    public const string Skipped = "skipped";

    public const string Finished = "finished";
    public const string Interrupted = "interrupted";

    public const string NonStrictTag = "non-strict";

    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.Pass => Passed,
        Outcome.NonStrict => Passed,
        Outcome.Fail => Failed,
        Outcome.Error => Broken,
        _ => Skipped,
    };

    /// <summary>Allure's severity label: MUST critical, SHOULD normal, informational trivial.</summary>
    public static string Severity(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => "critical",
        RequirementLevel.Should => "normal",
        _ => "trivial",
    };
}
