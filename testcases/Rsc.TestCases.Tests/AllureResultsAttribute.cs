using System.Collections.Concurrent;
using NUnit.Framework.Interfaces;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.TestCases.Tests;

/// <summary>
/// Writes an Allure result for every conformance test that handed its <see cref="CaseResult"/>
/// over with <see cref="Attach"/>: into $RSC_ALLURE_RESULTS (CI points it into its test results
/// folder), or else TestResults/allure-results under the test run's work folder.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllureResultsAttribute : Attribute, ITestAction
{
    private static readonly ConcurrentDictionary<string, CaseResult> Pending = new(StringComparer.Ordinal);
    private static readonly Lazy<AllureCaseRecorder> Recorder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public ActionTargets Targets => ActionTargets.Test;

    /// <summary>Hands the running test's result to the attribute, which writes it when the test ends.</summary>
    public static void Attach(CaseResult result) => Pending[TestContext.CurrentContext.Test.ID] = result;

    public void BeforeTest(ITest test)
    {
    }

    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (Pending.TryRemove(test.Id, out var result))
        {
            Recorder.Value.Record(result, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Where the results go, as the environment and the test run say.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable(AllureCaseRecorder.FolderVariable) is { Length: > 0 } folder
            ? folder
            : Path.Combine(TestContext.CurrentContext.WorkDirectory, "TestResults", "allure-results");

    private static AllureCaseRecorder Create()
    {
        var options = new RunOptions();
        var run = new ResultsDocument
        {
            StartedUtc = DateTimeOffset.UtcNow,
            Tool = new ToolEntry("rsc-nunit", typeof(AllureResultsAttribute).Assembly.GetName().Version?.ToString() ?? "0"),
            Dut = DutEntry.Unknown(ConformanceTests.Dut),
            Settings = new SettingsEntry { SpacingUs = options.SpacingNs / 1000.0, IntervalUs = options.DrainIntervalNs / 1000.0 },
            Environment = EnvironmentEntry.Current(),
        };
        return new AllureCaseRecorder(Folder, run);
    }
}
