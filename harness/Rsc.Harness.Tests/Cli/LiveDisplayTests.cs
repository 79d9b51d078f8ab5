using Microsoft.Extensions.Time.Testing;
using Rsc.Cli.Terminal;
using Rsc.Harness.Core;
using Rsc.Harness.Tests.Doubles;
using Rsc.Reports;
using Spectre.Console.Testing;

namespace Rsc.Harness.Tests.Cli;

/// <summary>Terminal or plain: the one decision, and what each side shows.</summary>
public sealed class LiveDisplayTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Test]
    public void A_terminal_gets_the_live_display()
    {
        Assert.That(OutputMode.IsLive(outputIsTerminal: true, Variables(("TERM", "xterm-256color"))), Is.True);
    }

    [TestCase("CI", "true")]
    [TestCase("TF_BUILD", "True")]
    [TestCase("NO_COLOR", "1")]
    [TestCase("TERM", "dumb")]
    public void CI_NO_COLOR_and_a_dumb_terminal_get_the_plain_log(string name, string value)
    {
        Assert.That(OutputMode.IsLive(outputIsTerminal: true, Variables((name, value))), Is.False);
    }

    [Test]
    public void Redirected_output_gets_the_plain_log_and_empty_variables_do_not_count()
    {
        Assert.Multiple(() =>
        {
            Assert.That(OutputMode.IsLive(outputIsTerminal: false, Variables()), Is.False);
            Assert.That(OutputMode.IsLive(outputIsTerminal: true, Variables(("CI", ""), ("NO_COLOR", ""))), Is.True);
            Assert.That(OutputMode.TerminalFor(new StringWriter(), outputIsTerminal: false, Variables()), Is.Null);
            Assert.That(OutputMode.TerminalFor(new StringWriter(), outputIsTerminal: true, Variables()), Is.Not.Null);
        });
    }

    [Test]
    public void The_display_shows_done_over_planned_the_current_case_outcomes_elapsed_and_eta()
    {
        var clock = new FakeTimeProvider();
        var progress = LiveProgress.Detached(clock, "cases", 10);
        progress.Current("RSC-FLAG-001");
        progress.Completed(Outcome.Pass);
        progress.Completed(Outcome.Fail, "Fail RSC-FLAG-001  IPH.psh-or");
        progress.Current("RSC-FLAG-003");
        clock.Advance(TimeSpan.FromSeconds(20));

        var text = Rendered(progress);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("2/10 cases"));
            Assert.That(text, Does.Contain("elapsed 0:20"));
            Assert.That(text, Does.Contain("ETA 1:20"), "8 left at 10 s each");
            Assert.That(text, Does.Contain("now RSC-FLAG-003"));
            Assert.That(text, Does.Contain("Pass 1  NonStrict 0  Fail 1  Info 0  Error 0"));
            Assert.That(text, Does.Contain("Fail RSC-FLAG-001  IPH.psh-or"));
        });
    }

    [Test]
    public void A_known_duration_drives_the_estimate()
    {
        var clock = new FakeTimeProvider();
        var progress = LiveProgress.Detached(clock, "frames", 3000, showOutcomes: false);
        progress.ExpectedDuration = TimeSpan.FromMinutes(2);
        clock.Advance(TimeSpan.FromSeconds(30));

        var text = Rendered(progress);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("ETA 1:30"));
            Assert.That(text, Does.Not.Contain("Pass"));
        });
    }

    [Test]
    public void A_run_at_a_terminal_shows_progress_and_a_table_instead_of_the_plain_lines()
    {
        using var dir = new TempFolder();
        var console = new TestConsole().Interactive().Width(160);
        var cli = new CliHarness { Terminal = console };

        int code = cli.Run("run", "--out", dir.Path);

        var text = console.Output;
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, cli.Error);
            Assert.That(cli.Out, Is.Empty, "everything goes through the terminal");
            Assert.That(text, Does.Contain("rsc: 4 case(s) on reference"));
            Assert.That(text, Does.Contain("4/4 cases"));
            Assert.That(text, Does.Contain("done"));
            Assert.That(text, Does.Contain("│ RSC-MERGE-001 │ Pass"));
            Assert.That(text, Does.Contain("4 cases: 3 pass, 0 non-strict, 0 fail, 1 info, 0 error"));
            Assert.That(text, Does.Contain("rsc: results written to"));
            Assert.That(text, Does.Not.Contain("[1/4]"));
            Assert.That(ResultsJson.ReadFile(dir["results.json"]).Cases, Has.Count.EqualTo(4));
        });
    }

    [Test]
    public void The_terminal_summary_leaves_out_passing_cases_of_a_long_run()
    {
        var entries = Enumerable.Range(0, SummaryView.AllCasesUpTo + 5)
            .Select(i => new CaseEntry { Id = $"RSC-X-{i:000}", Title = "t", Outcome = i == 7 ? Outcome.Fail : Outcome.Pass, DurationMs = 1 })
            .ToList();
        var console = new TestConsole().Width(160);

        console.Write(SummaryView.Table(entries));

        Assert.Multiple(() =>
        {
            Assert.That(console.Output, Does.Contain("RSC-X-007"));
            Assert.That(console.Output, Does.Not.Contain("RSC-X-006"));
            Assert.That(console.Output, Does.Contain($"{entries.Count - 1} passing case(s) not shown"));
        });
    }

    private static string Rendered(LiveProgress progress)
    {
        var console = new TestConsole().Width(160);
        console.Write(progress.Render());
        return console.Output;
    }
}
