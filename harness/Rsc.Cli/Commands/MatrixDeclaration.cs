using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc matrix` is given.</summary>
public sealed record MatrixArguments(IReadOnlyList<string> Results, bool DiffOnly, string? Out);

/// <summary>The declaration of `rsc matrix`.</summary>
public static class MatrixDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var results = new CliArgument<string[]>("RESULTS.json", "one or more results.json files", ArgumentArity.OneOrMore) { Description = "a run's results.json" };
        var diff = OptionKinds.Flag("--diff", "only the cases whose outcomes differ between the runs");
        var output = OptionKinds.Text("--out", "FILE", "also write the table to FILE");
        var command = new CliCommand("matrix", "put several runs' results.json side by side (device x case)", """
            Reads the results.json of several runs (for example the reference device, reference-tap,
            linux-gro and qemu) and prints a markdown table: a row per case, a column per run, each cell
            the outcome and, when it is not a Pass, the rule that decided it; a last row gives the totals.
            """)
        {
            Footer = "Exit code: 0, or 2 when a file is missing or is not a results.json.",
        };
        command.Add(results);
        command.Add(diff);
        command.Add(output);
        return command.Handles(
            parse => new MatrixArguments(parse.GetValue(results) ?? [], parse.GetValue(diff), parse.GetValue(output)),
            new MatrixCommand(env).RunAsync);
    }
}
