using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>The declaration of `rsc expectations init|check` (docs/expectations.md).</summary>
public static class ExpectationsDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var handler = new ExpectationsCommand(env);
        var command = new CliCommand("expectations", "draft or check a device's expected failures", """
            An expectations file lists, for one device, the cases expected to fail, the rules each
            breaks and why (testcases/expectations/, format rsc-expectations/1). 'rsc run --expect FILE'
            and 'rsc expectations check' pass when the device fails exactly as expected. See
            docs/expectations.md.
            """)
        {
            Footer = "Exit code: that of the subcommand; 2 for bad arguments.",
        };
        command.Add(Init(handler));
        command.Add(Check(handler));
        return command;
    }

    private static CliCommand Init(ExpectationsCommand handler)
    {
        var results = Results();
        var output = OptionKinds.Text("--out", "FILE", "the expectations file to write");
        output.Needed = true;
        var previous = OptionKinds.Text("--from", "OLD.json", "an earlier expectations file: keep its device, description, tolerated rules and every reason whose case still fails the same way");
        var force = OptionKinds.Flag("--force", "replace FILE if it exists");
        var command = new CliCommand("init", "draft an expectations file from a complete run", """
            Writes every Fail, NonStrict and Error case of a complete run with the rules it broke. Each
            new reason is a "FILL IN: ..." placeholder for a person to replace; the device version is
            the run's major.minor.
            """)
        {
            Footer = """
                Exit code: 0 written, 1 when the run is incomplete, 2 for bad arguments, unusable files,
                or an existing FILE without --force.
                """,
        };
        command.Add(results);
        command.Add(output);
        command.Add(previous);
        command.Add(force);
        return command.Handles(
            parse => new ExpectationsInitOptions(parse.GetValue(results)!, parse.GetValue(output)!, parse.GetValue(previous), parse.GetValue(force)),
            handler.InitAsync);
    }

    private static CliCommand Check(ExpectationsCommand handler)
    {
        var results = Results();
        var expect = ExpectOption();
        expect.Needed = true;
        var command = new CliCommand("check", "compare a finished run with an expectations file", """
            Compares the Fail, NonStrict and Error verdicts of a run with the file: a line per case that
            failed unexpectedly, no longer fails (stale) or fails differently (changed), then the result.
            An incomplete run never passes.
            """)
        {
            Footer = """
                Exit code: 0 as expected, 1 on any difference or an incomplete run, 2 for bad arguments,
                an unusable file or results, or a file for another device.
                """,
        };
        command.Add(results);
        command.Add(expect);
        return command.Handles(
            parse => new ExpectationsCheckOptions(parse.GetValue(results)!, parse.GetValue(expect)!),
            handler.CheckAsync);
    }

    /// <summary>--expect FILE, as `rsc run` and `rsc expectations check` take it.</summary>
    public static CliOption<string?> ExpectOption(string description = "the device's expectations file (testcases/expectations/; see docs/expectations.md)") =>
        OptionKinds.Text("--expect", "FILE", description);

    private static CliArgument<string> Results() =>
        new("RESULTS", "a run folder or its results.json", ArgumentArity.ExactlyOne) { Description = "a run folder or its results.json" };
}
