using System.Text.Json.Nodes;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests.Cli;

/// <summary>
/// `rsc expectations init|check` and `rsc run --expect` end to end, on real failures: the reference
/// device with its PSH fault fails FLAG cases the same way every run (virtual time).
/// </summary>
public sealed class ExpectationsCommandTests
{
    private const string FaultyDut = "reference:fault=psh-from-last";
    private static readonly string[] Flag = ["--section", "FLAG"];
    private TempFolder _work = null!;
    private string _faultyRun = "";
    private string _expect = "";

    [OneTimeSetUp]
    public void DraftFromARealRun()
    {
        _work = new TempFolder();
        _faultyRun = _work["faulty"];
        _expect = _work["reference-psh.json"];
        var cli = new ReferenceCli();
        var run = cli.Run(["run", "--dut", FaultyDut, .. Flag, "--out", _faultyRun]);
        Assert.That(run.ExitCode, Is.EqualTo(1), $"psh-from-last must fail a FLAG case\n{run}");
        var init = cli.Run("expectations", "init", _faultyRun, "--out", _expect);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
    }

    [OneTimeTearDown]
    public void Remove() => _work.Dispose();

    private static JsonObject Load(string path) => (JsonObject)JsonNode.Parse(File.ReadAllText(path))!;

    private string Write(string name, JsonObject document)
    {
        var path = _work[name];
        File.WriteAllText(path, document.ToJsonString());
        return path;
    }

    [Test]
    public void Init_writes_every_failure_with_its_rules_and_the_file_checks_clean()
    {
        var cli = new ReferenceCli();
        var file = _work["init.json"];

        var init = cli.Run("expectations", "init", _faultyRun, "--out", file);
        var check = cli.Run("expectations", "check", _faultyRun, "--expect", file);
        var checkResults = cli.Run("expectations", "check", Path.Combine(_faultyRun, "results.json"), "--expect", file);

        var cases = Load(file)["cases"]!.AsArray();
        var flag1 = cases.Single(c => (string?)c!["id"] == "RSC-FLAG-001")!;
        Assert.Multiple(() =>
        {
            Assert.That(init.ExitCode, Is.Zero, init.ToString());
            Assert.That(init.Out, Does.Match($@"^rsc: {cases.Count} expected failure\(s\) of reference [^\n]* written to {System.Text.RegularExpressions.Regex.Escape(file)}; {cases.Count} reason\(s\) to fill in"));
            Assert.That(flag1["rules"]!.AsArray().Select(r => (string?)r), Does.Contain("R.psh-or"));
            Assert.That(check.ExitCode, Is.Zero, check.ToString());
            Assert.That(check.Out, Does.Contain($"result: as expected ({cases.Count} expected failure(s) seen, nothing else failed)"));
            Assert.That(check.Out, Does.Contain($"draft      {cases.Count} expectation(s) still have no reason"));
            Assert.That(checkResults.ExitCode, Is.Zero, checkResults.ToString());
        });
    }

    [Test]
    public void Init_keeps_an_existing_file_unless_forced_and_keeps_reasons_given_from()
    {
        var cli = new ReferenceCli();
        var reviewed = Load(_expect);
        foreach (var c in reviewed["cases"]!.AsArray())
        {
            c!["reason"] = $"PSH is taken from the last segment in {c["id"]}";
        }
        var previous = Write("reviewed.json", reviewed);
        var file = Write("existing.json", reviewed);

        var refused = cli.Run("expectations", "init", _faultyRun, "--out", file, "--from", previous);
        var unchanged = File.ReadAllText(file);
        var forced = cli.Run("expectations", "init", _faultyRun, "--out", file, "--from", previous, "--force");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That(refused.Error, Is.EqualTo($"rsc: {file} exists; give --force to replace it (or --from it to keep its reasons)\n"));
            Assert.That(unchanged, Is.EqualTo(reviewed.ToJsonString()));
            Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
            Assert.That(forced.Out, Does.Contain("; 0 reason(s) to fill in"));
            Assert.That(Load(file)["cases"]!.AsArray().Select(c => (string?)c!["reason"]), Has.All.StartWith("PSH is taken from the last segment in RSC-FLAG-"));
        });
    }

    [Test]
    public void Run_with_expect_passes_when_every_failure_is_expected()
    {
        var r = new ReferenceCli().Run(["run", "--dut", FaultyDut, .. Flag, "--out", _work["as-expected"], "--expect", _expect]);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.Zero, r.ToString());
            Assert.That(r.Out, Does.Contain($"expectations {_expect} (reference"));
            Assert.That(r.Out, Does.Contain("result: as expected ("));
        });
    }

    [Test]
    public void Run_with_expect_fails_on_an_unexpected_failure()
    {
        var doc = Load(_expect);
        var cases = doc["cases"]!.AsArray();
        cases.Remove(cases.Single(c => (string?)c!["id"] == "RSC-FLAG-001"));
        var file = Write("without-flag-001.json", doc);

        var r = new ReferenceCli().Run(["run", "--dut", FaultyDut, .. Flag, "--out", _work["unexpected"], "--expect", file]);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
            Assert.That(r.Out, Does.Contain("unexpected RSC-FLAG-001: expected nothing, observed Fail [").And.Contain("R.psh-or"));
            Assert.That(r.Out, Does.Contain("result: NOT as expected (1 unexpected, 0 stale, 0 changed)"));
        });
    }

    [Test]
    public void Run_with_expect_fails_when_an_expected_failure_went_away()
    {
        var r = new ReferenceCli().Run(["run", "--dut", "reference", .. Flag, "--out", _work["stale"], "--expect", _expect]);

        int expected = Load(_expect)["cases"]!.AsArray().Count;
        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
            Assert.That(r.Out, Does.Contain("stale      RSC-FLAG-001: expected Fail ["));
            Assert.That(r.Out, Does.Contain($"result: NOT as expected (0 unexpected, {expected} stale, 0 changed)"));
        });
    }

    [TestCase("not json", "not an expectations file")]
    [TestCase("""{"schema":"rsc-expectations/9","device":{"kind":"reference"},"cases":[]}""", "not an rsc-expectations/1 file")]
    [TestCase("""{"schema":"rsc-expectations/1","device":{"kind":"reference"},"cases":[{"id":"RSC-FLAG-001","outcome":"Fail","rules":[],"reason":"r"}]}""", "RSC-FLAG-001 expects Fail but names no rule")]
    public void A_bad_expectations_file_is_one_line_exit_2_and_nothing_runs(string content, string problem)
    {
        var file = _work[$"bad-{problem.GetHashCode(StringComparison.Ordinal):x8}.json"];
        File.WriteAllText(file, content);
        var cli = new ReferenceCli();
        var outDir = _work[$"never-{problem.GetHashCode(StringComparison.Ordinal):x8}"];

        var r = cli.Run(["run", "--dut", FaultyDut, .. Flag, "--out", outDir, "--expect", file]);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(r.Error, Does.StartWith($"rsc: {file}: ").And.Contain(problem));
            Assert.That(r.Out, Is.Empty);
            Assert.That(cli.DevicesMade, Is.Zero);
            Assert.That(Directory.Exists(outDir), Is.False);
        });
    }

    [Test]
    public void A_missing_expectations_file_costs_no_run()
    {
        var cli = new ReferenceCli();

        var r = cli.Run(["run", "--dut", FaultyDut, .. Flag, "--out", _work["never-missing"], "--expect", _work["no-such.json"]]);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Error, Is.EqualTo($"rsc: {_work["no-such.json"]}: no such expectations file\n"));
            Assert.That(cli.DevicesMade, Is.Zero);
        });
    }

    [Test]
    public void A_file_for_another_device_is_refused_rather_than_compared()
    {
        var doc = Load(_expect);
        doc["device"] = new JsonObject { ["kind"] = "qemu", ["version"] = "7.2" };
        var file = Write("qemu.json", doc);

        var run = new ReferenceCli().Run(["run", "--dut", FaultyDut, "--case", "RSC-FLAG-001", "--out", _work["other-device"], "--expect", file]);
        var check = new ReferenceCli().Run("expectations", "check", _faultyRun, "--expect", file);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("rsc: the expectations are for qemu 7.2, the run's device is reference"));
            Assert.That(check.ExitCode, Is.EqualTo(2), check.ToString());
            Assert.That(check.ErrorLines, Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task An_interrupted_run_with_expect_still_exits_130()
    {
        using var interrupt = new CancellationTokenSource();
        int made = 0;
        var cli = new ReferenceCli
        {
            BeforeEachDevice = () =>
            {
                if (++made == 2)
                {
                    interrupt.Cancel();
                }
            },
        };

        var r = await cli.RunAsync(interrupt.Token, ["run", "--dut", FaultyDut, .. Flag, "--out", _work["interrupted"], "--expect", _expect]);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(130), r.ToString());
            Assert.That(r.Out, Does.Not.Contain("result:"));
        });
    }

    [Test]
    public async Task A_timed_out_run_with_expect_still_exits_1()
    {
        using var dir = new TempFolder();
        var expect = Write("fake.json", new JsonObject
        {
            ["schema"] = "rsc-expectations/1",
            ["device"] = new JsonObject { ["kind"] = "fake", ["version"] = null },
            ["description"] = "the test double: expected to pass",
            ["cases"] = new JsonArray(),
        });
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ReferenceCli.Started);
        using var deviceMade = new SemaphoreSlim(0);
        var cli = new CliHarness { Clock = clock, Device = new FakeDeviceFactory(FakeBehaviour.Hang), BeforeEachDevice = () => deviceMade.Release() };

        var run = cli.RunAsync(CancellationToken.None, "run", "--dut", "fake", "--out", dir.Path, "--run-timeout-s", "30", "--timeout-s", "600", "--expect", expect);
        Assert.That(await deviceMade.WaitAsync(TimeSpan.FromSeconds(20)), Is.True, "the first case never started");
        clock.Advance(TimeSpan.FromSeconds(31));
        int code = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1), cli.Error);
            Assert.That(cli.Error, Does.StartWith("rsc: run time limit of 30 s expired"));
            Assert.That(cli.Out, Does.Not.Contain("result:"));
        });
    }

    [Test]
    public void A_run_on_a_device_the_file_expects_to_pass_passes()
    {
        var expect = Write("fake-clean.json", new JsonObject
        {
            ["schema"] = "rsc-expectations/1",
            ["device"] = new JsonObject { ["kind"] = "fake", ["version"] = null },
            ["description"] = "the test double: expected to pass",
            ["cases"] = new JsonArray(),
        });
        using var dir = new TempFolder();
        var cli = new CliHarness();

        int code = cli.Run("run", "--dut", "fake", "--out", dir.Path, "--expect", expect);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(cli.Out, Does.Contain("result: as expected (0 expected failure(s) seen, nothing else failed)"));
        });
    }

    [TestCase(new[] { "expectations", "check", "x" }, "rsc: 'rsc expectations check' needs --expect FILE; see 'rsc help expectations check'\n")]
    [TestCase(new[] { "expectations", "init", "x" }, "rsc: 'rsc expectations init' needs --out FILE; see 'rsc help expectations init'\n")]
    [TestCase(new[] { "expectations", "check", "--expect", "f.json" }, "rsc: 'rsc expectations check' needs a run folder or its results.json; see 'rsc help expectations check'\n")]
    [TestCase(new[] { "run", "--expect" }, "rsc: --expect needs a value; see 'rsc help run'\n")]
    public void Mistakes_are_one_line_and_exit_2(string[] args, string message)
    {
        var cli = new ReferenceCli();
        var r = cli.Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(r.ExitCode, Is.EqualTo(2));
            Assert.That(r.Error, Is.EqualTo(message));
            Assert.That(cli.DevicesMade, Is.Zero);
        });
    }

    [Test]
    public void Results_that_are_not_a_run_are_one_line_and_exit_2()
    {
        var cli = new ReferenceCli();
        Directory.CreateDirectory(_work["not-a-run"]);

        var check = cli.Run("expectations", "check", _work["not-a-run"], "--expect", _expect);
        var init = cli.Run("expectations", "init", _work["not-a-run"], "--out", _work["never.json"]);

        Assert.Multiple(() =>
        {
            Assert.That(check.ExitCode, Is.EqualTo(2));
            Assert.That(check.Error, Is.EqualTo($"rsc: {_work["not-a-run"]}: no results.json\n"));
            Assert.That(init.ExitCode, Is.EqualTo(2));
            Assert.That(File.Exists(_work["never.json"]), Is.False);
        });
    }
}
