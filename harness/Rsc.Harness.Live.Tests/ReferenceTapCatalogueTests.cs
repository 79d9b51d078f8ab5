using System.Text;
using Rsc.Harness.Adapters;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Running;
using Rsc.TestCases;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// The reference engine behind a real TAP, on the real clock, through the external-device contract:
/// it must pass the whole catalogue, and a named fault must still be caught through that path.
/// </summary>
[Category("Live")]
[NonParallelizable]
public sealed class ReferenceTapCatalogueTests
{
    [SetUp]
    public void Live() => LiveTest.RequireLive();

    [TearDown]
    public void NothingLeft() => Assert.That(LiveTest.Leftovers(), Is.Empty, "interfaces or namespaces left behind");

    [Test]
    public async Task The_reference_device_behind_a_tap_passes_the_whole_catalogue()
    {
        // This test is about every rule holding through the real TAP path. Latency on a shared 2-vCPU
        // machine is not the device's alone: a thread spinning alone on its CPU there loses it for
        // more than 1 ms a few times a second (up to 6 ms measured), and before the daemon ran
        // without tiered compilation CI machines held its frames 15-20 ms in every run of the
        // 3,000-frame RSC-BASIC-006. So latency gets a 50 ms allowance here: a timer that never fires
        // or a unit held to the end of the case still fails (see below). `rsc run` keeps the 2 ms
        // default, and the worst conditions measured are printed.
        var runner = new ConformanceRunner(DeviceRegistry.Create("reference-tap"), new RunOptions { RealTimeLatencyAllowanceNs = 50_000_000 });
        // A shared machine can stall any process for tens of milliseconds: a case that does not pass
        // is run once more, and every rerun is reported with its finding, as it happens and attached
        // to the result. A case that does not pass twice in a row fails the test by name.
        var report = await RerunPolicy.RunAsync(
            Catalogue.All,
            runner.RunAsync,
            rerun =>
            {
                TestContext.Out.WriteLine($"rerun: {rerun}");
                TestContext.Progress.WriteLine($"rerun: {rerun}");
            },
            CancellationToken.None);
        long worstLateness = 0, worstReadLag = 0, worstSteal = 0;
        var problems = new StringBuilder();
        var outcomes = new Dictionary<Outcome, int>();
        foreach (var result in report.Results)
        {
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
            if (result.Capture is { } capture)
            {
                worstLateness = Math.Max(worstLateness, capture.Pacing.MaxLatenessNs);
                worstReadLag = Math.Max(worstReadLag, capture.Conditions?.GuestReadLagMaxNs ?? 0);
                worstSteal = Math.Max(worstSteal, capture.Conditions?.HostStealNs ?? 0);
            }
            if (!RerunPolicy.Passed(result))
            {
                problems.AppendLine($"{result.Case.Id} {result.Outcome}: {result.Error}");
                foreach (var f in result.Findings)
                {
                    problems.AppendLine($"    {f}");
                }
            }
        }
        TestContext.Out.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        TestContext.Out.WriteLine($"worst over all cases: sender lateness {worstLateness / 1000} us, guest read lag {worstReadLag / 1000} us, host steal up to {worstSteal / 1_000_000} ms");
        var rerunLog = report.Describe();
        TestContext.Out.Write(rerunLog);
        var rerunFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, "reference-tap-reruns.txt");
        AtomicFile.WriteText(rerunFile, rerunLog);
        TestContext.AddTestAttachment(rerunFile, "every rerun of the live catalogue run, with the finding that caused it");
        Assert.Multiple(() =>
        {
            report.AssertNoCaseFailedTwice();
            Assert.That(problems.ToString(), Is.Empty);
            Assert.That(outcomes.GetValueOrDefault(Outcome.Pass), Is.GreaterThan(Catalogue.All.Count * 3 / 4), "most cases are judged, not set aside");
        });
    }

    [Test]
    public async Task A_named_fault_is_caught_through_the_tap()
    {
        var runner = new ConformanceRunner(DeviceRegistry.Create("reference-tap:fault=checksums-not-recomputed"), new RunOptions());
        var result = await runner.RunAsync(Catalogue.Find("RSC-BASIC-001")!, CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Fail), () => string.Join("\n", result.Findings));
        Assert.That(result.Device!.Kind, Is.EqualTo("reference-tap"));
        Assert.That(result.Capture!.Timing, Is.EqualTo(Core.Capture.TimingMode.Real));
    }

    [Test]
    public async Task A_timer_that_never_fires_is_caught_through_the_tap_even_with_the_wide_allowance()
    {
        var runner = new ConformanceRunner(DeviceRegistry.Create("reference-tap:fault=timer-never-fires"), new RunOptions { RealTimeLatencyAllowanceNs = 50_000_000 });
        // A sequence gap delivers the first unit; the unit after it waits for a timer that never comes.
        var result = await runner.RunAsync(Catalogue.Find("RSC-SEQ-001")!, CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Fail), () => $"{result.Error} {string.Join("\n", result.Findings)}");
        Assert.That(result.Findings.Select(f => f.Rule), Has.Member("CONS.lost"));
    }
}
