using Rsc.Cli;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Harness.Tests.Cli;

/// <summary>A command with subcommands (as `rsc evidence pack|verify|show` will be) on the same foundation.</summary>
public sealed class CommandGroupTests
{
    private static (CliApp App, StringWriter Out, StringWriter Error, List<string> Packed) Build()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = new CliHarness().Environment() with { Out = stdout, Error = stderr };
        var app = new CliApp(env);
        var packed = new List<string>();
        var folder = OptionKinds.Text("--run", "DIR", "the run folder to pack");
        folder.Needed = true;
        var pack = new CliCommand("pack", "pack a run's evidence", "Packs it.") { Footer = "Exit code: 0." };
        pack.Add(folder);
        pack.Handles(parse => parse.GetValue(folder)!, (dir, _) =>
        {
            packed.Add(dir);
            return Task.FromResult(0);
        });
        var group = new CliCommand("evidence", "evidence bundles", "Packs, verifies and shows evidence bundles.") { Footer = "Exit code: 0." };
        group.Add(pack);
        app.Root.Subcommands.Add(group);
        return (app, stdout, stderr, packed);
    }

    [Test]
    public void A_subcommand_runs_with_its_typed_options()
    {
        var (app, _, error, packed) = Build();

        int code = app.RunAsync(["evidence", "pack", "--run=out/x"], CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error.ToString());
            Assert.That(packed, Is.EqualTo(new[] { "out/x" }));
        });
    }

    [TestCase(new[] { "evidence" }, "rsc: 'rsc evidence' needs a command; see 'rsc help evidence'\n")]
    [TestCase(new[] { "evidence", "pakc" }, "rsc: unknown command 'pakc' for 'rsc evidence' (did you mean 'pack'?); see 'rsc help evidence'\n")]
    [TestCase(new[] { "evidence", "pack" }, "rsc: 'rsc evidence pack' needs --run DIR; see 'rsc help evidence pack'\n")]
    [TestCase(new[] { "evidence", "pack", "--run", "a", "--bogus" }, "rsc: unknown option '--bogus' for 'rsc evidence pack'; see 'rsc help evidence pack'\n")]
    public void Mistakes_name_the_whole_command(string[] args, string message)
    {
        var (app, _, error, packed) = Build();

        int code = app.RunAsync(args, CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Is.EqualTo(message));
            Assert.That(packed, Is.Empty);
        });
    }

    [Test]
    public void Help_shows_the_whole_command_and_the_subcommands()
    {
        var (app, output, _, _) = Build();

        app.RunAsync(["evidence", "--help"], CancellationToken.None).GetAwaiter().GetResult();
        var group = output.ToString();
        output.GetStringBuilder().Clear();
        app.RunAsync(["evidence", "pack", "-h"], CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(group, Does.StartWith("usage: rsc evidence COMMAND"));
            Assert.That(group, Does.Contain("  pack  pack a run's evidence"));
            Assert.That(output.ToString(), Does.StartWith("usage: rsc evidence pack --run DIR"));
        });
    }
}
