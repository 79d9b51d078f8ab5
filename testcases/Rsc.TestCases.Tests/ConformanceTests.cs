using System.Text;
using Rsc.Harness.Adapters;
using Rsc.Harness.Core;
using Rsc.Harness.Running;

namespace Rsc.TestCases.Tests;

/// <summary>
/// Runs every catalogue case against the device named by RSC_DUT (default "reference"): one NUnit
/// test per case, named by its id and categorised by its section, so
/// <c>dotnet test --filter "Name=RSC-FLAG-003"</c> and <c>--filter "TestCategory=FLAG"</c> select cases.
/// Each case also becomes an Allure result (<see cref="AllureResultsAttribute"/>).
/// </summary>
[TestFixture]
[AllureResults]
public sealed class ConformanceTests
{
    private const string DutVariable = "RSC_DUT";

    public static IEnumerable<TestCaseData> Cases() =>
        Catalogue.All.Select(c => new TestCaseData(c.Id).SetName(c.Id).SetCategory(c.Section).SetDescription(c.Title));

    public static string Dut => Environment.GetEnvironmentVariable(DutVariable) is { Length: > 0 } dut ? dut : "reference";

    [TestCaseSource(nameof(Cases))]
    public async Task Conforms(string id)
    {
        var conformanceCase = Catalogue.Find(id) ?? throw new InvalidOperationException($"{id} vanished from the catalogue");
        var options = new RunOptions();
        var runner = new ConformanceRunner(DeviceRegistry.Create(Dut), options);
        using var timeout = new CancellationTokenSource(options.CaseTimeout + TimeSpan.FromSeconds(30));

        var result = await runner.RunAsync(conformanceCase, timeout.Token);
        AllureResultsAttribute.Attach(result);

        // Info is only acceptable when the device's profile excuses the case's own requirement.
        var excused = result.Judgement?.ExcusedRequirement ?? [];
        bool acceptable = result.Outcome == Outcome.Pass || (result.Outcome == Outcome.Info && excused.Count > 0);
        TestContext.Out.WriteLine($"{id} on {Dut}: {result.Outcome}{(excused.Count == 0 ? "" : $" (excused: {string.Join(", ", excused)})")}");
        Assert.That(acceptable, Is.True, () => Explain(result, excused));
    }

    private static string Explain(CaseResult result, IReadOnlyList<string> excused)
    {
        var c = result.Case;
        var text = new StringBuilder()
            .AppendLine($"{c.Id} [{c.Level}] {c.Title}: outcome {result.Outcome} on {result.Device?.Name ?? Dut} "
                + $"(interval {result.DrainIntervalNs} ns, spacing {result.SpacingNs} ns)")
            .AppendLine($"Requirement: {c.Requirement}");
        if (excused.Count > 0)
        {
            text.AppendLine($"Excused requirement: {string.Join(", ", excused)}");
        }
        if (result.Error is not null)
        {
            text.AppendLine($"Error: {result.Error}");
        }
        text.AppendLine(result.Findings.Count == 0 ? "No findings." : $"Findings ({result.Findings.Count}):");
        foreach (var f in result.Findings)
        {
            text.AppendLine($"  [{f.Severity}] {f.Rule}: {f.Message} (guest {Frames(f.GuestFrames)}; sent {Frames(f.SentFrames)})");
        }
        if (result.Plan is { } plan)
        {
            var named = result.Findings.SelectMany(f => f.SentFrames).Distinct().Order().ToList();
            foreach (var i in named.Where(i => i >= 0 && i < plan.Frames.Count))
            {
                var frame = plan.Frames[i];
                text.AppendLine($"  sent {i} at {frame.OffsetNs / 1000.0:0.###} us: {frame.Label}");
            }
        }
        return text.ToString();
    }

    private static string Frames(IReadOnlyList<int> frames) => frames.Count == 0 ? "-" : string.Join(',', frames);
}
