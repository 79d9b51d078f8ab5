using System.Text.RegularExpressions;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>
/// `dotnet rsc.dll run` as a child process: through a pseudo-terminal (util-linux `script`) it shows
/// the live display and the coloured table; piped, the same run prints the plain line-per-case log.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TerminalProcessTests
{
    private static string Rsc => Path.Combine(TestContext.CurrentContext.TestDirectory, "rsc.dll");

    /// <summary>How many cases the FLAG section holds, and its last id: the runs below select it.</summary>
    private static int FlagCount => Catalogue.All.Count(c => c.Id.StartsWith("RSC-FLAG-", StringComparison.Ordinal));

    private static string LastFlag => $"RSC-FLAG-{FlagCount:000}";

    [Test]
    public void In_a_terminal_a_run_shows_live_progress_and_a_table()
    {
        var script = ChildProcess.Find("script") ?? IgnoreWithout("script (util-linux)");
        using var dir = new TempFolder();
        var command = $"'{ChildProcess.DotnetHost}' '{Rsc}' run --section FLAG --out '{dir.Path}'";

        var (code, output, error) = ChildProcess.Run(script, ["-qefc", command, "/dev/null"], Path.GetTempPath(), TimeSpan.FromMinutes(3), ChildProcess.AsAPerson);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error + output);
            Assert.That(output, Does.Contain("\u001b["), "no terminal control sequences");
            Assert.That(Regex.IsMatch(output, @"\d+(\u001b\[[0-9;]*m)*/" + FlagCount + " cases"), Is.True, "no progress counter");
            Assert.That(output, Does.Contain("elapsed"));
            Assert.That(output, Does.Contain("ETA"));
            Assert.That(output, Does.Contain("╭"), "no summary table");
            Assert.That(output, Does.Not.Contain($"[ 1/{FlagCount}]"));
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Cases, Has.Count.EqualTo(FlagCount));
        });
    }

    [Test]
    public void Piped_the_same_run_prints_the_plain_lines()
    {
        using var dir = new TempFolder();

        var (code, output, error) = ChildProcess.Run(ChildProcess.DotnetHost, [Rsc, "run", "--section", "FLAG", "--out", dir.Path], Path.GetTempPath(), TimeSpan.FromMinutes(3), ChildProcess.AsAPerson);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Not.Contain("\u001b["));
            Assert.That(output, Does.Match(new Regex($@"^\[ 1/{FlagCount}\] RSC-FLAG-001 +Pass +\d", RegexOptions.Multiline)));
            Assert.That(output, Does.Match(new Regex($@"^\[{FlagCount}/{FlagCount}\] {LastFlag} +\w+ +\d", RegexOptions.Multiline)));
            Assert.That(output, Does.Match(new Regex(@"^ID +OUTCOME +DURATION +FIRST FINDING$", RegexOptions.Multiline)));
        });
    }

    [Test]
    public void In_a_terminal_with_NO_COLOR_the_run_prints_the_plain_lines()
    {
        var script = ChildProcess.Find("script") ?? IgnoreWithout("script (util-linux)");
        using var dir = new TempFolder();
        var command = $"'{ChildProcess.DotnetHost}' '{Rsc}' run --section FLAG --out '{dir.Path}'";

        var (code, output, error) = ChildProcess.Run(script, ["-qefc", command, "/dev/null"], Path.GetTempPath(), TimeSpan.FromMinutes(3), env =>
        {
            ChildProcess.AsAPerson(env);
            env["NO_COLOR"] = "1";
        });

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error + output);
            Assert.That(output, Does.Match(new Regex($@"^\[ 1/{FlagCount}\] RSC-FLAG-001 +Pass +\d", RegexOptions.Multiline)));
            Assert.That(output, Does.Not.Contain("╭"));
        });
    }

    [Test]
    public void A_bad_value_is_one_line_on_stderr_and_exit_2_without_a_stack_trace()
    {
        var (code, output, error) = ChildProcess.Run(ChildProcess.DotnetHost, [Rsc, "run", "--interval-us", "0"], Path.GetTempPath(), TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Is.EqualTo("rsc: --interval-us needs a positive number of microseconds, not '0'\n"));
        });
    }

    private static string IgnoreWithout(string what)
    {
        Assert.Ignore($"{what} is not installed");
        return "";
    }
}
