using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Evidence.Handlers;

namespace Rsc.Cli.Commands;

/// <summary>The declaration of `rsc ci check-trx`: checks the pipeline runs on its own test results.</summary>
public static class CiDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var command = new CliCommand("ci", "check a CI pipeline's own results (check-trx)", """
            Checks the pipeline (azure-pipelines.yml) makes on the results of its own steps.
            """)
        {
            Footer = "Exit code: that of the subcommand; 2 for bad arguments.",
        };
        command.Add(CheckTrx(new CiCommand(env)));
        return command;
    }

    private static CliCommand CheckTrx(CiCommand handler)
    {
        var paths = new CliArgument<string[]>("PATH", "one or more TRX files or folders", ArgumentArity.OneOrMore) { Description = "a TRX file, or a folder searched for them" };
        var minFiles = OptionKinds.WholeNumber("--min-files", "how many TRX files must be found (one per test project run)", 1, 1);
        var command = new CliCommand("check-trx", "fail when a test in TRX results did not run", """
            Reads test results in TRX format ('dotnet test --logger trx') and fails when any test did
            not run (skipped, ignored, inconclusive: NotExecuted in TRX), when a file holds no test,
            or when fewer than N files were found: a live test that skipped must not pass unnoticed.
            """)
        {
            Footer = """
                Exit code: 0 when every test in every file ran, 1 naming each test that did not, an
                empty file or too few files, 2 for bad arguments or an unreadable path or file.
                """,
        };
        command.Add(paths);
        command.Add(minFiles);
        return command.Handles(
            parse => new TrxCheckOptions(parse.GetValue(paths) ?? [], parse.GetValue(minFiles)),
            handler.CheckTrxAsync);
    }
}
