using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests.Cli;

public sealed class CliBasicsTests
{
    [Test]
    public void No_command_is_a_usage_error_on_one_line()
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: missing command; see 'rsc help'\n"));
        });
    }

    [TestCase("bogus", "rsc: unknown command 'bogus'; see 'rsc help'\n")]
    [TestCase("--bogus", "rsc: unknown option '--bogus'; see 'rsc help'\n")]
    public void Unknown_commands_are_usage_errors(string command, string message)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(command), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
        });
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("help")]
    public void Help_lists_every_command(string spelling)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(spelling), Is.Zero);
            foreach (var command in new[] { "list", "run", "repro", "replay", "help", "version" })
            {
                Assert.That(cli.Out, Does.Contain($"\n  {command} "));
            }
            Assert.That(cli.Error, Is.Empty);
        });
    }

    [TestCase("help", "run")]
    [TestCase("run", "--help")]
    [TestCase("repro", "-h")]
    [TestCase("replay", "--help")]
    [TestCase("list", "--help")]
    public void Each_command_has_its_own_help(string first, string second)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(first, second), Is.Zero);
            Assert.That(cli.Out, Does.StartWith("usage: rsc "));
        });
    }

    [Test]
    public void Help_for_an_unknown_command_is_a_usage_error()
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("help", "nope"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: unknown command 'nope'; see 'rsc help'\n"));
        });
    }

    [Test]
    public void Version_prints_name_and_version()
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("--version"), Is.Zero);
            Assert.That(cli.Out, Does.Match(@"^rsc \d+\.\d+\.\d+\S*\n$"));
        });
    }

    [Test]
    public void An_unexpected_failure_is_one_line_and_exit_code_1()
    {
        var err = new StringWriter();
        var app = new Rsc.Cli.CliApp(new Rsc.Cli.CliEnvironment
        {
            Cases = SampleCases.Catalogue,
            Out = new StringWriter(),
            Error = err,
            CreateFactory = _ => new FakeDeviceFactory(),
            CreateRunner = (_, _) => throw new InvalidOperationException("runner exploded\nwith detail"),
        });
        var folder = Path.Combine(Path.GetTempPath(), "rsc-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            int code = app.RunAsync(["run", "--out", folder], CancellationToken.None).GetAwaiter().GetResult();

            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(1));
                Assert.That(err.ToString(), Is.EqualTo("rsc: internal error: InvalidOperationException: runner exploded with detail\n"));
            });
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [TestCase("--interval-us", "abc", "--interval-us needs a positive number of microseconds, not 'abc'")]
    [TestCase("--interval-us", "0", "--interval-us needs a positive number of microseconds, not '0'")]
    [TestCase("--spacing-us", "-1", "--spacing-us needs a non-negative number of microseconds, not '-1'")]
    [TestCase("--timeout-s", "0", "--timeout-s needs a positive number of seconds (at most 86400), not '0'")]
    [TestCase("--interval-us", "NaN", "--interval-us needs a positive number of microseconds, not 'NaN'")]
    public void Bad_numbers_are_usage_errors(string option, string value, string message)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", option, value), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo($"rsc: {message}\n"));
        });
    }

    [Test]
    public void Options_may_be_written_with_an_equals_sign()
    {
        var reader = new Rsc.Cli.ArgumentReader("run", ["--interval-us=12.5", "--case", "A,B", "--case=C"], ["--interval-us", "--case"]);

        Assert.Multiple(() =>
        {
            Assert.That(reader.Microseconds("--interval-us", allowZero: false), Is.EqualTo(12_500));
            Assert.That(reader.All("--case"), Is.EqualTo(new[] { "A", "B", "C" }));
        });
    }

    [TestCase("--out")]
    [TestCase("--nope")]
    public void Missing_values_and_unknown_options_are_usage_errors(string arg)
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", arg), Is.EqualTo(2));
            Assert.That(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void An_option_given_twice_is_a_usage_error()
    {
        var cli = new CliFixture();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--out", "a", "--out", "b"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: --out given 2 times; give it once\n"));
        });
    }
}
