using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests;

public sealed class ConformanceRunnerTests
{
    [Test]
    public async Task A_clean_run_takes_the_oracle_verdict_and_keeps_everything()
    {
        var factory = new FakeDeviceFactory();
        var runner = Judges.Runner(factory);

        var result = await runner.RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Plan!.Frames, Has.Count.EqualTo(3));
            Assert.That(result.Capture!.Guest, Has.Count.EqualTo(3));
            Assert.That(result.Judgement, Is.Not.Null);
            Assert.That(result.Device!.Name, Is.EqualTo("fake"));
            Assert.That(result.DrainIntervalNs, Is.EqualTo(300_000));
            Assert.That(result.SpacingNs, Is.EqualTo(100_000));
            Assert.That(factory.Disposed, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_device_pinned_interval_replaces_the_run_interval_but_not_a_case_pin()
    {
        var factory = new FakeDeviceFactory { DrainIntervalNs = 10_000_000 };
        var runner = Judges.Runner(factory, new RunOptions { DrainIntervalNs = 300_000 });
        var plain = await runner.RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);
        var pinned = await runner.RunAsync(SampleCases.Case("RSC-TIME-001", intervalNs: 1_000_000), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(runner.Options.DrainIntervalNs, Is.EqualTo(10_000_000), "what results record as the run's interval");
            Assert.That(plain.DrainIntervalNs, Is.EqualTo(10_000_000));
            Assert.That(pinned.DrainIntervalNs, Is.EqualTo(1_000_000));
            Assert.That(new RunOptions { DrainIntervalNs = 300_000 }.For(new FakeDeviceFactory()).DrainIntervalNs, Is.EqualTo(300_000));
        });
    }

    [Test]
    public async Task Case_pins_override_the_run_timing_and_reach_device_case_and_oracle()
    {
        var factory = new FakeDeviceFactory();
        CaseContext? context = null;
        OracleSettings? settings = null;
        RequirementLevel? level = null;
        CaseJudge judge = (s, plan, capture, expectations, l, r) =>
        {
            settings = s;
            level = l;
            return Judges.Pass(s, plan, capture, expectations, l, r);
        };
        var runner = Judges.Runner(factory, new RunOptions { DrainIntervalNs = 300_000, SpacingNs = 100_000 }, judge);
        var c = SampleCases.Case("RSC-TIME-001", RequirementLevel.Should, build: ctx =>
        {
            context = ctx;
            return new CaseTraffic(SampleCases.ThreeSegments(ctx.SpacingNs), []);
        }, intervalNs: 1_000_000);

        var result = await runner.RunAsync(c, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(context, Is.EqualTo(new CaseContext(100_000, 1_000_000)));
            Assert.That(factory.Configurations.Single().DrainIntervalNs, Is.EqualTo(1_000_000));
            Assert.That(settings!.DrainIntervalNs, Is.EqualTo(1_000_000));
            Assert.That(settings.LatencyToleranceNs, Is.Zero);
            Assert.That(settings.Timing, Is.EqualTo(Core.Capture.TimingMode.Virtual));
            Assert.That(level, Is.EqualTo(RequirementLevel.Should));
            Assert.That(result.DrainIntervalNs, Is.EqualTo(1_000_000));
        });
    }

    [Test]
    public async Task A_broken_case_definition_is_an_error_and_no_device_is_made()
    {
        var factory = new FakeDeviceFactory();
        var c = SampleCases.Case("RSC-BAD-001", build: _ => throw new InvalidOperationException("frame 3 is due before frame 2"));

        var result = await Judges.Runner(factory).RunAsync(c, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
            Assert.That(result.Error, Is.EqualTo("case definition broke: frame 3 is due before frame 2"));
            Assert.That(factory.Created, Is.Zero);
        });
    }

    [Test]
    public async Task Every_case_runs_on_a_device_whatever_its_profile_excuses()
    {
        var excused = DeviceCapabilities.Full.Excusing(new RuleExcuse("OID.statistics", "no counters", "test.c"));
        var factory = new FakeDeviceFactory(capabilities: excused);
        OracleSettings? seen = null;
        CaseJudge judge = (s, plan, capture, expectations, l, r) =>
        {
            seen = s;
            return Judges.Pass(s, plan, capture, expectations, l, r);
        };

        var result = await Judges.Runner(factory, judge: judge).RunAsync(SampleCases.Case("RSC-STAT-002"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Pass));
            Assert.That(result.Capture, Is.Not.Null, "the traffic was sent");
            Assert.That(result.Capture!.Sent, Has.Count.EqualTo(3));
            Assert.That(seen?.Capabilities, Is.EqualTo(excused), "the oracle is told what the device is excused from");
        });
    }

    [Test]
    public async Task A_case_whose_own_requirement_is_excused_is_info()
    {
        var result = await Judges.Runner(new FakeDeviceFactory(), judge: Judges.Excused("R.window-update-absorbed"))
            .RunAsync(SampleCases.Case("RSC-ACK-001"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Info));
            Assert.That(result.Findings.Single().Excuse, Does.Contain("test.c"));
        });
    }

    [Test]
    public async Task An_excused_requirement_never_hides_a_failure()
    {
        CaseJudge judge = (s, plan, capture, expectations, l, r) =>
        {
            var excused = Judges.Excused("R.window-update-absorbed")(s, plan, capture, expectations, l, r);
            return excused with { Findings = [.. excused.Findings, new Finding("CONS.lost", Severity.Fail, "lost", [], [2])] };
        };
        var result = await Judges.Runner(new FakeDeviceFactory(), judge: judge).RunAsync(SampleCases.Case("RSC-ACK-001"), CancellationToken.None);
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Fail));
    }

    [Test]
    public async Task The_case_rules_reach_the_judge()
    {
        IReadOnlyCollection<string>? rules = null;
        CaseJudge judge = (s, plan, capture, expectations, l, r) =>
        {
            rules = r;
            return Judges.Pass(s, plan, capture, expectations, l, r);
        };
        await Judges.Runner(new FakeDeviceFactory(), judge: judge).RunAsync(SampleCases.Case("RSC-FLAG-001", rules: ["R.psh-or"]), CancellationToken.None);
        Assert.That(rules, Is.EqualTo(new[] { "R.psh-or" }));
    }

    [TestCase(FakeBehaviour.Throw, "device threw InvalidOperationException: boom")]
    [TestCase(FakeBehaviour.Fail, "device failed: link down")]
    [TestCase(FakeBehaviour.CreateThrows, "device threw InvalidOperationException: no such device")]
    [TestCase(FakeBehaviour.DisposeThrows, "device failed to shut down: IOException: socket already closed")]
    public async Task A_misbehaving_device_is_an_error_never_a_crash(FakeBehaviour behaviour, string error)
    {
        var factory = new FakeDeviceFactory(behaviour);

        var result = await Judges.Runner(factory).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
            Assert.That(result.Error, Is.EqualTo(error));
            Assert.That(factory.Disposed, Is.EqualTo(factory.Created));
        });
    }

    [Test]
    public async Task A_hanging_device_is_an_error_within_the_timeout()
    {
        var factory = new FakeDeviceFactory(FakeBehaviour.Hang);
        var runner = Judges.Runner(factory, new RunOptions { CaseTimeout = TimeSpan.FromMilliseconds(200) });
        var watch = Stopwatch.StartNew();

        var result = await runner.RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
            Assert.That(result.Error, Is.EqualTo("device did not finish within the case timeout of 200 ms"));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(factory.Disposed, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_oracle_failure_is_an_error_that_keeps_the_capture()
    {
        var result = await Judges.Runner(new FakeDeviceFactory(), judge: Judges.Throwing).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
            Assert.That(result.Error, Is.EqualTo("oracle failed: NotImplementedException: oracle under construction"));
            Assert.That(result.Capture, Is.Not.Null);
        });
    }

    [TestCase(RequirementLevel.Info, Severity.Info, Outcome.Info)]
    [TestCase(RequirementLevel.Info, Severity.NonStrict, Outcome.Info)]
    [TestCase(RequirementLevel.Info, Severity.Fail, Outcome.Fail)]
    [TestCase(RequirementLevel.Should, Severity.NonStrict, Outcome.NonStrict)]
    [TestCase(RequirementLevel.Must, Severity.Fail, Outcome.Fail)]
    [TestCase(RequirementLevel.Must, Severity.Info, Outcome.Pass)]
    public async Task Outcome_follows_the_findings_and_the_case_level(RequirementLevel level, Severity severity, Outcome expected)
    {
        var runner = Judges.Runner(new FakeDeviceFactory(), judge: Judges.With(severity));

        var result = await runner.RunAsync(SampleCases.Case("RSC-LEVEL-001", level), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(expected));
            Assert.That(result.Findings, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Cancellation_by_the_caller_is_not_a_verdict()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(
            async () => await Judges.Runner(new FakeDeviceFactory()).RunAsync(SampleCases.Case("RSC-MERGE-001"), cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Duration_is_measured_on_the_given_clock()
    {
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(5) };

        var result = await Judges.Runner(new FakeDeviceFactory(), clock: clock).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Duration, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(result.Duration.Ticks % TimeSpan.FromMilliseconds(5).Ticks, Is.Zero);
        });
    }

    [Test]
    public async Task The_public_constructor_judges_with_the_oracle()
    {
        var result = await new ConformanceRunner(new FakeDeviceFactory(), new RunOptions()).RunAsync(SampleCases.Case("RSC-MERGE-001"), CancellationToken.None);

        // An echo device delivers everything unchanged and alone: nothing a MUST forbids.
        Assert.That(result.Outcome, Is.AnyOf(Outcome.Pass, Outcome.NonStrict), result.Error ?? string.Join("; ", result.Findings));
    }
}
