using System.Text.Json;
using System.Text.RegularExpressions;
using Rsc.Cli;
using Rsc.Cli.Commands;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports.KillMatrix;

namespace Rsc.Harness.Tests.Cli;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class FaultsCommandTests
{
    private static readonly string[] Ids = ["RSC-ACK-001", "RSC-FLAG-001", "RSC-STAT-001"];
    private static readonly string[] Faults = ["alpha", "beta"];

    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    [TearDown]
    public void DisposeWriters()
    {
        _out.Dispose();
        _err.Dispose();
    }

    private int Run(MatrixDoubles doubles, params string[] args)
    {
        var env = new CliEnvironment
        {
            Cases = MatrixDoubles.Cases(Ids),
            Out = _out,
            Error = _err,
            Faults = Faults,
            CreateFactory = spec => spec.StartsWith("reference", StringComparison.Ordinal)
                ? doubles.Factory(spec)
                : throw new ArgumentException($"unknown device '{spec}'"),
            CreateRunner = doubles.Runner,
            MatrixParallelism = 2,
        };
        return new CliApp(env).RunAsync(args, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static MatrixDoubles AllCaught() => new MatrixDoubles()
        .With("reference:fault=alpha", "RSC-ACK-001")
        .With("reference:fault=alpha", "RSC-FLAG-001")
        .With("reference:fault=beta", "RSC-FLAG-001");

    [Test]
    public void Exits_0_and_writes_both_files_when_every_fault_is_caught_and_the_baseline_is_clean()
    {
        using var dir = new TempFolder();

        int code = Run(AllCaught(), "faults", "--out", dir.Path);

        var doc = KillMatrixJson.ReadFile(dir[KillMatrixJson.FileName]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Success), _err.ToString());
            Assert.That(_err.ToString(), Is.Empty);
            Assert.That(doc.Cases, Is.EqualTo(Ids));
            Assert.That(doc.Devices.Select(d => d.Fault), Is.EqualTo(new string?[] { null, "alpha", "beta" }));
            Assert.That(doc.Devices[1].KillingCases, Is.EqualTo(new[] { "RSC-ACK-001", "RSC-FLAG-001" }));
            Assert.That(doc.Summary.Escaped, Is.Empty);
            Assert.That(doc.Tool!.Name, Is.EqualTo("rsc"));
            Assert.That(doc.Settings, Is.EqualTo(new KillMatrixSettings(300, 100)));
            Assert.That(File.ReadAllText(dir[KillMatrixTable.TextFileName]), Does.Contain("alpha").And.Contain(KillMatrixTable.Legend));
            Assert.That(_out.ToString(), Does.Contain("3 case(s) x 3 device configuration(s)"));
            Assert.That(_out.ToString(), Does.Contain("2 faults: 2 caught, 0 escaped; fault-free device: clean on 3 cases"));
        });
    }

    [Test]
    public void Prints_a_progress_line_per_device_configuration_in_order()
    {
        using var dir = new TempFolder();

        Run(AllCaught(), "faults", "--out", dir.Path);

        var progress = _out.ToString().Split('\n').Where(l => l.StartsWith('[')).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(progress, Has.Count.EqualTo(3));
            Assert.That(progress[0], Does.Match(@"^\[1/3\] \(fault-free\)\s+clean\s+2 pass, 0 non-strict, 0 fail, 1 info, 0 error"));
            Assert.That(progress[1], Does.Match(@"^\[2/3\] alpha\s+caught\s+0 pass, 0 non-strict, 2 fail, 1 info, 0 error"));
            Assert.That(progress[2], Does.Match(@"^\[3/3\] beta\s+caught"));
        });
    }

    [Test]
    public void Exits_1_and_names_an_escaped_fault()
    {
        using var dir = new TempFolder();
        var doubles = new MatrixDoubles()
            .With("reference:fault=alpha", "RSC-ACK-001")
            .With("reference:fault=beta", "RSC-FLAG-001", Severity.NonStrict);

        int code = Run(doubles, "faults", "--out", dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failure));
            Assert.That(_err.ToString(), Does.Contain("1 fault(s) escaped every case: beta"));
            Assert.That(_out.ToString(), Does.Match(@"\nbeta\s+ESCAPED"));
            Assert.That(KillMatrixJson.ReadFile(dir[KillMatrixJson.FileName]).Summary.Escaped, Is.EqualTo(new[] { "beta" }));
        });
    }

    [Test]
    public void Exits_1_and_names_the_cases_the_fault_free_device_did_not_pass()
    {
        using var dir = new TempFolder();
        var doubles = AllCaught().With("reference", "RSC-ACK-001", Severity.NonStrict);

        int code = Run(doubles, "faults", "--out", dir.Path);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Failure));
            Assert.That(_err.ToString(), Does.Contain("the fault-free device did not pass RSC-ACK-001: NonStrict - IPH.psh-or: PSH was not carried over"));
            Assert.That(_err.ToString(), Does.Not.Contain("escaped"));
            Assert.That(KillMatrixJson.ReadFile(dir[KillMatrixJson.FileName]).Summary.BaselineClean, Is.False);
        });
    }

    [Test]
    public void Fault_case_and_section_options_narrow_the_matrix()
    {
        using var dir = new TempFolder();
        var doubles = AllCaught();

        int code = Run(doubles, "faults", "--out", dir.Path, "--fault", "BETA", "--fault", "beta", "--case", "RSC-FLAG-001", "--section", "STAT");

        var doc = KillMatrixJson.ReadFile(dir[KillMatrixJson.FileName]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Success), _err.ToString());
            Assert.That(doubles.Specs, Is.EqualTo(new[] { "reference", "reference:fault=beta" }));
            Assert.That(doc.Cases, Is.EqualTo(new[] { "RSC-FLAG-001", "RSC-STAT-001" }));
        });
    }

    [Test]
    public void Interval_and_spacing_reach_the_document()
    {
        using var dir = new TempFolder();

        Run(AllCaught(), "faults", "--out", dir.Path, "--interval-us", "500", "--spacing-us", "20");

        Assert.That(KillMatrixJson.ReadFile(dir[KillMatrixJson.FileName]).Settings, Is.EqualTo(new KillMatrixSettings(500, 20)));
    }

    [TestCase("--fault", "gamma", "unknown fault 'gamma'; known faults: alpha, beta")]
    [TestCase("--case", "RSC-NOPE-001", "unknown case 'RSC-NOPE-001'")]
    [TestCase("--section", "NOPE", "unknown section 'NOPE'")]
    [TestCase("--interval-us", "0", "--interval-us needs")]
    [TestCase("--dut", "reference", "unknown option '--dut'")]
    public void Usage_errors_exit_2_and_run_nothing(string option, string value, string message)
    {
        using var dir = new TempFolder();
        var doubles = AllCaught();

        int code = Run(doubles, "faults", "--out", dir.Path, option, value);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Usage));
            Assert.That(_err.ToString(), Does.StartWith("rsc: ").And.Contain(message));
            Assert.That(doubles.Specs, Is.Empty);
            Assert.That(File.Exists(dir[KillMatrixJson.FileName]), Is.False);
        });
    }

    [Test]
    public void A_positional_argument_is_a_usage_error()
    {
        int code = Run(AllCaught(), "faults", "extra");
        Assert.That(code, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public void Help_describes_the_options_and_exit_codes()
    {
        int code = Run(AllCaught(), "faults", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Success));
            Assert.That(_out.ToString(), Does.Contain("usage: rsc faults").And.Contain("--fault NAME").And.Contain("faults: alpha, beta")
                .And.Contain("kill-matrix.json").And.Contain("Exit code: 0"));
        });
    }

    [Test]
    public void The_command_is_listed_in_help()
    {
        Run(AllCaught(), "help");
        Assert.That(_out.ToString(), Does.Match(@"\n  faults\s+run the cases against every reference-device fault"));
    }

    [Test]
    public void Default_folder_is_out_faults_and_a_utc_stamp() =>
        Assert.That(
            FaultsCommand.DefaultFolder(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))),
            Is.EqualTo(Path.Combine("out", "faults", "20250102-010405")));

    [Test]
    public void Written_json_parses_as_the_documented_schema()
    {
        using var dir = new TempFolder();
        Run(AllCaught(), "faults", "--out", dir.Path);
        using var json = JsonDocument.Parse(File.ReadAllText(dir[KillMatrixJson.FileName]));
        Assert.Multiple(() =>
        {
            Assert.That(json.RootElement.GetProperty("schema").GetString(), Is.EqualTo("rsc-kill-matrix/1"));
            Assert.That(json.RootElement.GetProperty("devices")[2].GetProperty("outcomes").GetProperty("RSC-FLAG-001").GetString(), Is.EqualTo(nameof(Outcome.Fail)));
            Assert.That(Regex.IsMatch(File.ReadAllText(dir[KillMatrixTable.TextFileName]), @"\(fault-free\)\s+P P I  clean"), Is.True);
        });
    }
}
