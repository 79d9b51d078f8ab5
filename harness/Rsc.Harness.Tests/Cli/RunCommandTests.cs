using System.Text.RegularExpressions;
using Rsc.Cli.Commands;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;

namespace Rsc.Harness.Tests.Cli;

public sealed class RunCommandTests
{
    [Test]
    public void A_clean_run_exits_0_and_records_every_case()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture();

        int code = cli.Run("run", "--out", dir.Path);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(doc.Cases.Select(c => c.Id), Is.EqualTo(SampleCases.Catalogue.Select(c => c.Id)));
            Assert.That(doc.Summary.Pass, Is.EqualTo(3));
            Assert.That(doc.Summary.Info, Is.EqualTo(1));
            Assert.That(doc.Dut.Kind, Is.EqualTo("fake"));
            Assert.That(doc.Tool.Name, Is.EqualTo("rsc"));
            Assert.That(doc.Settings.IntervalUs, Is.EqualTo(300));
            Assert.That(doc.Settings.SpacingUs, Is.EqualTo(100));
            Assert.That(doc.Settings.CaseFilter, Is.Empty);
            Assert.That(File.Exists(dir["cases/RSC-FLAG-001/guest.jsonl"]), Is.True);
            Assert.That(File.Exists(dir["cases/RSC-FLAG-001/wire.log"]), Is.True);
            Assert.That(cli.Out, Does.Contain($"results in {dir.Path}"));
            Assert.That(cli.Error, Is.Empty);
        });
    }

    [Test]
    public void Prints_a_progress_line_per_case_and_a_summary_table()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture();

        cli.Run("run", "--out", dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(cli.Out, Does.Match(new Regex(@"^\[1/4\] RSC-MERGE-001 +Pass +\d", RegexOptions.Multiline)));
            Assert.That(cli.Out, Does.Match(new Regex(@"^\[4/4\] RSC-STAT-001 +Info +\d", RegexOptions.Multiline)));
            Assert.That(cli.Out, Does.Match(new Regex(@"^ID +OUTCOME +DURATION +FIRST FINDING$", RegexOptions.Multiline)));
            Assert.That(cli.Out, Does.Contain("4 cases: 3 pass, 0 non-strict, 0 fail, 1 info, 0 error"));
        });
    }

    [Test]
    public void A_failing_case_exits_1_and_names_its_finding()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture { Judge = Judges.FailingFor(2) };

        int code = cli.Run("run", "--out", dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(cli.Out, Does.Match(new Regex(@"^\[3/4\] RSC-FLAG-001 +Fail .*IPH\.psh-or: PSH was not carried over$", RegexOptions.Multiline)));
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Summary.Fail, Is.EqualTo(1));
        });
    }

    [Test]
    public void An_erroring_device_exits_1()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture { Device = new FakeDeviceFactory(FakeBehaviour.Fail) };

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--out", dir.Path, "--case", "RSC-MERGE-001"), Is.EqualTo(1));
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Cases.Single().Error, Is.EqualTo("device failed: link down"));
        });
    }

    [Test]
    public void NonStrict_and_info_are_not_failures()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture { Judge = Judges.With(Severity.NonStrict) };

        Assert.That(cli.Run("run", "--out", dir.Path), Is.Zero);
    }

    [Test]
    public void Results_file_is_valid_before_each_case_with_every_earlier_case_in_it()
    {
        using var dir = new TempFolder();
        var seen = new List<int>();
        var cli = new CliFixture { BeforeEachDevice = () => seen.Add(ResultsJson.ReadFile(dir["results.json"]).Cases.Count) };

        cli.Run("run", "--out", dir.Path);

        Assert.That(seen, Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void Selection_and_timing_options_reach_the_runner_and_the_results()
    {
        using var dir = new TempFolder();
        var cli = new CliFixture();

        int code = cli.Run("run", "--out", dir.Path, "--dut", "fake:x", "--case", "RSC-FLAG-001", "--section", "merge",
            "--interval-us", "500", "--spacing-us", "50", "--timeout-s", "7");

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(cli.DutSpecs, Is.EqualTo(new[] { "fake:x" }));
            Assert.That(doc.Cases.Select(c => c.Id), Is.EqualTo(new[] { "RSC-MERGE-001", "RSC-MERGE-002", "RSC-FLAG-001" }));
            Assert.That(cli.RunOptions.Single().DrainIntervalNs, Is.EqualTo(500_000));
            Assert.That(cli.RunOptions.Single().SpacingNs, Is.EqualTo(50_000));
            Assert.That(cli.RunOptions.Single().CaseTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(cli.Device.Configurations.Select(c => c.DrainIntervalNs), Is.All.EqualTo(500_000));
            Assert.That(doc.Cases.Select(c => c.SpacingUs), Is.All.EqualTo(50));
            Assert.That(doc.Settings.CaseFilter, Is.EqualTo(new[] { "RSC-FLAG-001", "section:merge" }));
            Assert.That(doc.Settings.TimeoutS, Is.EqualTo(7));
        });
    }

    [TestCase("--case", "RSC-XYZ-1", "rsc: unknown case 'RSC-XYZ-1'; see 'rsc list'\n")]
    [TestCase("--section", "XYZ", "rsc: unknown section 'XYZ'; see 'rsc list'\n")]
    [TestCase("--dut", "qemu", "rsc: unknown device 'qemu'; known devices: fake\n")]
    public void Bad_selections_and_devices_exit_2_before_anything_runs(string option, string value, string message)
    {
        using var dir = new TempFolder();
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--out", dir.Path, option, value), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
            Assert.That(cli.Device.Created, Is.Zero);
            Assert.That(Directory.Exists(dir.Path), Is.False);
        });
    }

    [Test]
    public void An_empty_catalogue_is_a_usage_error()
    {
        var cli = new CliFixture { Cases = [] };

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: no cases to run; see 'rsc list'\n"));
        });
    }

    [Test]
    public void An_unwritable_output_folder_is_a_usage_error()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir["file"], "");
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--out", dir["file"]), Is.EqualTo(2));
            Assert.That(cli.Error, Does.StartWith($"rsc: cannot write results to '{dir["file"]}'"));
        });
    }

    [Test]
    public async Task Interruption_keeps_a_valid_results_file()
    {
        using var dir = new TempFolder();
        using var cts = new CancellationTokenSource();
        var cli = new CliFixture();
        cts.Cancel();

        int code = await cli.RunAsync(cts.Token, "run", "--out", dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(130));
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Cases, Is.Empty);
            Assert.That(cli.Error, Does.StartWith("rsc: interrupted after 0 of 4 case(s)"));
        });
    }

    [Test]
    public void Default_output_folder_is_named_after_the_start_time()
    {
        var folder = RunCommand.DefaultFolder(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)));

        Assert.That(folder, Is.EqualTo(Path.Combine("out", "runs", "20250304-030607")));
    }

    [Test]
    public void Exit_code_is_1_only_for_fail_and_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunCommand.ExitCodeFor([Outcome.Pass, Outcome.NonStrict, Outcome.Info]), Is.Zero);
            Assert.That(RunCommand.ExitCodeFor([Outcome.Pass, Outcome.Fail]), Is.EqualTo(1));
            Assert.That(RunCommand.ExitCodeFor([Outcome.Error]), Is.EqualTo(1));
        });
    }
}
