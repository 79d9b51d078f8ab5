using Microsoft.Extensions.Time.Testing;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;

namespace Rsc.Harness.Tests.Cli;

/// <summary>--run-timeout-s: the run's own time limit stops it like an interrupt, but exits 1.</summary>
public sealed class RunTimeoutTests
{
    [Test]
    public async Task An_expired_run_time_limit_records_a_timeout_and_exits_1()
    {
        using var dir = new TempFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture));
        using var deviceMade = new SemaphoreSlim(0);
        var cli = new CliHarness
        {
            Clock = clock,
            Device = new FakeDeviceFactory(FakeBehaviour.Hang),
            BeforeEachDevice = () => deviceMade.Release(),
        };

        var run = cli.RunAsync(CancellationToken.None, "run", "--out", dir.Path, "--run-timeout-s", "30", "--timeout-s", "600");
        Assert.That(await deviceMade.WaitAsync(TimeSpan.FromSeconds(20)), Is.True, "the first case never started");
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That(run.IsCompleted, Is.False, "stopped before its time limit");
        clock.Advance(TimeSpan.FromSeconds(2));
        int code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(doc.Interrupted?.Reason, Is.EqualTo(InterruptionEntry.Timeout));
            Assert.That(doc.Interrupted?.Detail, Is.EqualTo("run time limit of 30 s expired"));
            Assert.That(doc.Interrupted?.CaseInProgress, Is.EqualTo("RSC-MERGE-001"));
            Assert.That(doc.Complete, Is.False);
            Assert.That(cli.Out, Does.Contain("[1/4] RSC-MERGE-001 timed out\n"));
            Assert.That(cli.Error, Does.StartWith("rsc: run time limit of 30 s expired after 0 of 4 case(s); incomplete results in "));
        });
    }

    [Test]
    public async Task A_signal_before_the_limit_is_still_an_interrupt_with_exit_130()
    {
        using var dir = new TempFolder();
        using var interrupt = new CancellationTokenSource();
        var cli = new CliHarness();
        await interrupt.CancelAsync();

        int code = await cli.RunAsync(interrupt.Token, "run", "--out", dir.Path, "--run-timeout-s", "3600");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(130));
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Interrupted?.Reason, Is.EqualTo(InterruptionEntry.Signal));
        });
    }

    [Test]
    public void A_run_within_its_limit_finishes_normally()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--out", dir.Path, "--run-timeout-s", "3600"), Is.Zero, cli.Error);
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Interrupted, Is.Null);
        });
    }

    [Test]
    public async Task The_kill_matrix_stops_at_its_time_limit_with_exit_1_and_writes_no_matrix()
    {
        using var dir = new TempFolder();
        var clock = new FakeTimeProvider();
        using var deviceMade = new SemaphoreSlim(0);
        var cli = new CliHarness
        {
            Clock = clock,
            Device = new FakeDeviceFactory(FakeBehaviour.Hang),
            BeforeEachDevice = () => deviceMade.Release(),
        };
        var env = cli.Environment() with { Faults = ["alpha"], MatrixParallelism = 1 };

        var run = new Rsc.Cli.CliApp(env).RunAsync(["faults", "--out", dir.Path, "--run-timeout-s", "5", "--timeout-s", "600"], CancellationToken.None);
        Assert.That(await deviceMade.WaitAsync(TimeSpan.FromSeconds(20)), Is.True, "the first case never started");
        clock.Advance(TimeSpan.FromSeconds(6));
        int code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(cli.Error, Is.EqualTo("rsc: run time limit of 5 s expired after 0 of 2 device configuration(s); no kill matrix written\n"));
            Assert.That(File.Exists(dir[Reports.KillMatrix.KillMatrixJson.FileName]), Is.False);
        });
    }
}
