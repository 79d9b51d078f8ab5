using System.Diagnostics;
using Rsc.Harness.Core;
using Rsc.Harness.Live.Exec;
using Rsc.Harness.Running;
using Rsc.TestCases;

namespace Rsc.Harness.Live.Tests;

/// <summary>A device that crashes, hangs, never connects or speaks garbage is an Error, fast, and leaves nothing behind.</summary>
[Category("Live")]
[NonParallelizable]
public sealed class ExecRobustnessTests
{
    [SetUp]
    public void Live() => LiveTest.RequireLive();

    [TearDown]
    public void NothingLeft() => Assert.That(LiveTest.Leftovers(), Is.Empty, "interfaces or namespaces left behind");

    private static async Task<CaseResult> RunAsync(string command, TimeSpan? connectTimeout = null)
    {
        var factory = new ExecDeviceFactory("exec:test", command) { ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5) };
        var runner = new ConformanceRunner(factory, new RunOptions { CaseTimeout = TimeSpan.FromSeconds(30) });
        return await runner.RunAsync(Catalogue.Find("RSC-BASIC-001")!, CancellationToken.None);
    }

    [Test]
    public async Task A_device_that_dies_mid_case_is_an_error_with_its_exit_code_and_stderr_within_5_s()
    {
        var watch = Stopwatch.StartNew();
        var result = await RunAsync(LiveTest.FakeDevice("crash"));
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
        Assert.That(result.Error, Does.Contain("exited with code 3").And.Contain("boom: simulated crash"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the death must be noticed, not waited out");
    }

    [Test]
    public async Task Garbage_on_the_guest_socket_is_an_error_quoting_the_bytes()
    {
        var result = await RunAsync(LiveTest.FakeDevice("garbage"));
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
        Assert.That(result.Error, Does.Contain("garbage on the guest socket").And.Contain("de ad be ef"));
    }

    [Test]
    public async Task A_device_that_connects_and_then_hangs_is_an_error()
    {
        var result = await RunAsync(LiveTest.FakeDevice("hang"));
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
        Assert.That(result.Error, Does.Contain("delivered no frame").And.Contain("hung"));
    }

    [Test]
    public async Task A_device_that_never_connects_is_an_error_after_the_connect_timeout()
    {
        var result = await RunAsync("exec sleep 30", TimeSpan.FromSeconds(1));
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
        Assert.That(result.Error, Does.Contain("did not connect to the guest socket").And.Contain("within 1 s"));
    }

    [Test]
    public async Task A_device_that_exits_at_once_is_an_error_with_its_last_words()
    {
        var result = await RunAsync("echo 'cannot open the TAP' >&2; exit 7");
        Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
        Assert.That(result.Error, Does.Contain("exited with code 7").And.Contain("cannot open the TAP"));
    }

    [Test]
    public void An_exec_spelling_without_a_command_is_refused()
    {
        Assert.That(() => ExecDeviceFactory.Parse("exec:", ""), Throws.ArgumentException.With.Message.Contains("needs a command"));
        Assert.That(ExecDeviceFactory.Parse("exec:\"./dev -x\"", "\"./dev -x\"").Command, Is.EqualTo("./dev -x"));
    }
}
