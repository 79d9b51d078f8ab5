using Rsc.Cli;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Harness.Tests.Cli;

/// <summary>A made-up command with subcommands, on the foundation `rsc evidence pack|verify|show` stands on.</summary>
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
        var pack = new CliCommand("pack", "pack a run folder", "Packs it.") { Footer = "Exit code: 0." };
        pack.Add(folder);
        pack.Handles(parse => parse.GetValue(folder)!, (dir, _) =>
        {
            packed.Add(dir);
            return Task.FromResult(0);
        });
        var group = new CliCommand("archive", "archives", "Packs and unpacks archives.") { Footer = "Exit code: 0." };
        group.Add(pack);
        app.Root.Subcommands.Add(group);
        return (app, stdout, stderr, packed);
    }

    [Test]
    public void A_subcommand_runs_with_its_typed_options()
    {
        var (app, _, error, packed) = Build();

        int code = app.RunAsync(["archive", "pack", "--run=out/x"], CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error.ToString());
            Assert.That(packed, Is.EqualTo(new[] { "out/x" }));
        });
    }

    [TestCase(new[] { "archive" }, "rsc: 'rsc archive' needs a command; see 'rsc help archive'\n")]
    [TestCase(new[] { "archive", "pakc" }, "rsc: unknown command 'pakc' for 'rsc archive' (did you mean 'pack'?); see 'rsc help archive'\n")]
    [TestCase(new[] { "archive", "pack" }, "rsc: 'rsc archive pack' needs --run DIR; see 'rsc help archive pack'\n")]
    [TestCase(new[] { "archive", "pack", "--run", "a", "--bogus" }, "rsc: unknown option '--bogus' for 'rsc archive pack'; see 'rsc help archive pack'\n")]
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

        app.RunAsync(["archive", "--help"], CancellationToken.None).GetAwaiter().GetResult();
        var group = output.ToString();
        output.GetStringBuilder().Clear();
        app.RunAsync(["archive", "pack", "-h"], CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(group, Does.StartWith("usage: rsc archive COMMAND"));
            Assert.That(group, Does.Contain("  pack  pack a run folder"));
            Assert.That(output.ToString(), Does.StartWith("usage: rsc archive pack --run DIR"));
        });
    }
}
