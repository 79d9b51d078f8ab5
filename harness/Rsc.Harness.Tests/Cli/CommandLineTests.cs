using Rsc.Cli;
using Rsc.Cli.Commands;
using Rsc.CommandLine;
using Rsc.Reports;

namespace Rsc.Harness.Tests.Cli;

/// <summary>The System.CommandLine declarations: checks, defaults in help, environment fallbacks, suggestions.</summary>
public sealed class CommandLineTests
{
    [TestCase("--interval-us", "10000001", "rsc: --interval-us must be at most 10000000 microseconds (10 s), not '10000001'\n")]
    [TestCase("--spacing-us", "0", "rsc: --spacing-us must be above 0 microseconds (frames need a gap), not '0'\n")]
    [TestCase("--run-timeout-s", "0", "rsc: --run-timeout-s needs a positive number of seconds (at most 86400), not '0'\n")]
    [TestCase("--latency-allowance-us", "-3", "rsc: --latency-allowance-us needs a non-negative number of microseconds, not '-3'\n")]
    public void Values_out_of_range_are_one_line_and_exit_2(string option, string value, string message)
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", option, value), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
            Assert.That(cli.Out, Is.Empty);
            Assert.That(cli.Device.Created, Is.Zero);
        });
    }

    [TestCase("run", "--interval-us", "10000000")]
    [TestCase("run", "--spacing-us", "0.5")]
    [TestCase("run", "--latency-allowance-us", "0")]
    public void Values_at_the_edge_of_the_range_are_accepted(string command, string option, string value)
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();

        Assert.That(cli.Run(command, "--case", "RSC-MERGE-001", "--out", dir.Path, option, value), Is.Zero, cli.Error);
    }

    [Test]
    public void Every_interval_option_refuses_more_than_10_s()
    {
        Assert.Multiple(() =>
        {
            foreach (var command in new[] { "run", "repro RSC-MERGE-001", "faults", "replay --in x.pcap --out-dir y" })
            {
                var again = new CliHarness();
                Assert.That(again.Run([.. command.Split(' '), "--interval-us=20000000"]), Is.EqualTo(2), command);
                Assert.That(again.Error, Does.Contain("--interval-us must be at most 10000000 microseconds"), command);
            }
        });
    }

    [TestCase("rn", "rsc: unknown command 'rn' (did you mean 'run'?); see 'rsc help'\n")]
    [TestCase("lsit", "rsc: unknown command 'lsit' (did you mean 'list'?); see 'rsc help'\n")]
    public void A_misspelt_command_gets_a_suggestion(string command, string message)
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(command), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo(message));
        });
    }

    [Test]
    public void A_misspelt_option_gets_a_suggestion()
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--sectoin", "FLAG"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: unknown option '--sectoin' for 'rsc run' (did you mean '--section'?); see 'rsc help run'\n"));
        });
    }

    [Test]
    public void An_unknown_option_is_not_taken_for_a_positional_argument()
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("repro", "--bogus"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: unknown option '--bogus' for 'rsc repro'; see 'rsc help repro'\n"));
        });
    }

    [Test]
    public void Words_after_a_double_dash_are_positional()
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("repro", "--", "--not-an-option"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: unknown case '--not-an-option'; see 'rsc list'\n"));
        });
    }

    [Test]
    public void A_value_starting_with_at_is_a_value_not_a_response_file()
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("list", "--case", "@cases.txt"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: unknown case '@cases.txt'; see 'rsc list'\n"));
        });
    }

    [Test]
    public void RSC_DUT_is_the_default_device_and_dut_wins_over_it()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();
        cli.Variables["RSC_DUT"] = "fake:from-environment";

        Assert.That(cli.Run("run", "--case", "RSC-MERGE-001", "--out", dir["a"]), Is.Zero, cli.Error);
        Assert.That(cli.Run("run", "--case", "RSC-MERGE-001", "--out", dir["b"], "--dut", "fake:from-option"), Is.Zero, cli.Error);

        Assert.That(cli.DutSpecs, Is.EqualTo(new[] { "fake:from-environment", "fake:from-option" }));
    }

    [Test]
    public void An_empty_RSC_DUT_counts_as_unset()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();
        cli.Variables["RSC_DUT"] = "";

        Assert.That(cli.Run("run", "--case", "RSC-MERGE-001", "--out", dir.Path), Is.Zero, cli.Error);
        Assert.That(cli.DutSpecs, Is.EqualTo(new[] { "reference" }));
    }

    [Test]
    public void Every_option_of_every_command_is_in_its_help_with_its_default()
    {
        var app = new CliApp(new CliHarness().Environment());

        Assert.Multiple(() =>
        {
            foreach (var command in app.Commands)
            {
                var help = System.Text.RegularExpressions.Regex.Replace(command.HelpText(), @"\s+", " ");
                Assert.That(help, Does.StartWith($"usage: rsc {command.Name}"), command.Name);
                Assert.That(help, Does.Contain("Exit code"), command.Name);
                foreach (var option in command.Options.OfType<IOptionHelp>())
                {
                    var name = ((System.CommandLine.Option)option).Name;
                    Assert.That(help, Does.Contain(" " + name + " "), $"{command.Name} {name}");
                    if (option.DefaultText is { } d)
                    {
                        Assert.That(help, Does.Contain($"default {(option.EnvironmentVariable is { } v ? $"${v}, else " : "")}{d}"), $"{command.Name} {name}");
                    }
                }
            }
        });
    }

    [Test]
    public void Help_shows_defaults_taken_from_the_runner_and_the_exit_codes()
    {
        var cli = new CliHarness();
        cli.Run("help", "run");

        Assert.Multiple(() =>
        {
            Assert.That(cli.Out, Does.Match(@"--interval-us N +drain interval[^\n]*\n[^\n]*\(default 300; at most 10000000\)"));
            Assert.That(cli.Out, Does.Contain("(default $RSC_DUT, else reference)"));
            Assert.That(cli.Out, Does.Contain("(default 60)"));
            Assert.That(cli.Out, Does.Contain("--run-timeout-s N"));
            Assert.That(cli.Out, Does.Contain("130 when interrupted"));
        });
    }

    [Test]
    public void The_overview_documents_exit_code_130_and_names_the_completion_command()
    {
        var cli = new CliHarness();
        cli.Run("--help");

        Assert.Multiple(() =>
        {
            Assert.That(cli.Out, Does.Contain("130 interrupted by Ctrl-C or SIGTERM"));
            Assert.That(cli.Out, Does.Contain("rsc completion bash|zsh|pwsh"));
            Assert.That(cli.Out, Does.Contain("\n  rules "));
        });
    }

    [Test]
    public void Both_spellings_of_a_value_mean_the_same()
    {
        var separate = new CliHarness();
        var joined = new CliHarness();

        separate.Run("list", "--format", "json", "--section", "MERGE");
        joined.Run("list", "--format=json", "--section=MERGE");

        Assert.That(joined.Out, Is.EqualTo(separate.Out).And.Contains("RSC-MERGE-001"));
    }

    [Test]
    public void A_flag_given_a_value_is_a_usage_error()
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("matrix", "a.json", "--diff=yes"), Is.EqualTo(2));
            Assert.That(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public void Version_is_a_command_and_two_options()
    {
        foreach (var spelling in new[] { "version", "--version", "-V" })
        {
            var cli = new CliHarness();
            Assert.That(cli.Run(spelling), Is.Zero, spelling);
            Assert.That(cli.Out, Does.Match(@"^rsc \d+\.\d+\.\d+\S*\n$"), spelling);
        }
    }

    [TestCase("ab", "abc", 1)]
    [TestCase("run", "nur", 2)]
    [TestCase("section", "sectoin", 1)]
    [TestCase("list", "list", 0)]
    public void Edit_distance_counts_insertions_substitutions_and_swaps(string a, string b, int distance) =>
        Assert.That(Suggestions.Distance(a, b), Is.EqualTo(distance));

    [Test]
    public void Nothing_is_suggested_for_a_word_far_from_every_candidate() =>
        Assert.That(Suggestions.Closest("bogus", ["list", "run", "repro", "replay", "faults"]), Is.Null);

    [Test]
    public void The_run_s_settings_reach_results_json_from_typed_options()
    {
        using var dir = new TempFolder();
        var cli = new CliHarness();

        Assert.That(cli.Run("run", "--out", dir.Path, "--latency-allowance-us", "750", "--timeout-s", "2.5"), Is.Zero, cli.Error);

        var doc = ResultsJson.ReadFile(dir["results.json"]);
        Assert.Multiple(() =>
        {
            Assert.That(doc.Settings.LatencyAllowanceUs, Is.EqualTo(750));
            Assert.That(doc.Settings.TimeoutS, Is.EqualTo(2.5));
            Assert.That(doc.Complete, Is.True);
        });
    }

    [Test]
    public void Completion_scripts_use_the_suggest_directive()
    {
        Assert.Multiple(() =>
        {
            foreach (var shell in CompletionScripts.Shells)
            {
                var cli = new CliHarness();
                Assert.That(cli.Run("completion", shell), Is.Zero, shell);
                Assert.That(cli.Out, Does.Contain("[suggest:"), shell);
            }
            var bad = new CliHarness();
            Assert.That(bad.Run("completion", "fish"), Is.EqualTo(2));
            Assert.That(bad.Error, Is.EqualTo("rsc: no completion script for 'fish'; shells: bash, zsh, pwsh\n"));
        });
    }

    [TestCase("run --se", "--section")]
    [TestCase("run --case RSC-FLAG-0", "RSC-FLAG-001")]
    [TestCase("run --section ST", "STAT")]
    [TestCase("list --format ", "json")]
    [TestCase("rep", "replay")]
    public void The_suggest_directive_completes_commands_options_and_values(string line, string expected)
    {
        var cli = new CliHarness();

        Assert.That(cli.Run($"[suggest:{line.Length}]", line), Is.Zero, cli.Error);
        Assert.That(cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Does.Contain(expected));
    }
}
