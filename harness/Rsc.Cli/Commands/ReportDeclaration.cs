using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Reports.Html;

namespace Rsc.Cli.Commands;

/// <summary>The declaration of `rsc report` (docs/reports.md).</summary>
public static class ReportDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var runs = new CliArgument<string[]>("RUN_DIR", "run folders or kill-matrix folders", ArgumentArity.ZeroOrMore)
        {
            Description = "a run folder (results.json) or a kill-matrix folder (kill-matrix.json), or that file",
        };
        var input = OptionKinds.List("--in", "RUN_DIR", "another run or kill-matrix folder (repeatable; the same as a RUN_DIR argument)");
        var output = OptionKinds.Text("--out", "REPORT_DIR", "the report folder; REPORT_DIR/index.html is its entry");
        output.Needed = true;
        var allure = OptionKinds.Flag("--allure", "also write REPORT_DIR/allure-results and render a one-file Allure report in REPORT_DIR/allure (needs node and npm; the Allure 3 tool is installed on first use)");
        var junit = OptionKinds.Text("--junit", "FILE", "also write the runs as JUnit XML to FILE");
        var rules = OptionKinds.Text("--rules", "FILE", "the rules document the report links each rule to", defaultText: "testcases/rules.md of this repository");
        var tools = OptionKinds.Text("--tools", "DIR", "where npm installs the Allure tool", defaultText: "out/tools");
        var command = new CliCommand("report", "a static HTML report (and Allure, JUnit) of one or more runs", """
            Writes a static site that opens from disk: an index with the device x case matrix (a column
            per run, incomplete runs marked), a page per run, per case and device with its findings,
            wire log and timeline picture, the rules with the cases that broke them, and a page per kill
            matrix. The order of the inputs is the order of the columns. See docs/reports.md.
            """)
        {
            Footer = "Exit code: 0 written, 1 when a file could not be written, 2 for bad arguments or an input that is not a run or kill-matrix folder.",
        };
        command.Add(runs);
        command.Add(input);
        command.Add(output);
        command.Add(allure);
        command.Add(junit);
        command.Add(rules);
        command.Add(tools);
        command.Validators.Add(result =>
        {
            if ((result.GetValue(runs)?.Length ?? 0) == 0 && (result.GetValue(input)?.Count ?? 0) == 0)
            {
                result.AddError("no run to report: give one or more RUN_DIR (or --in RUN_DIR)");
            }
        });
        return command.Handles(
            parse => new ReportOptions(
                [.. parse.GetValue(runs) ?? [], .. parse.GetValue(input) ?? []],
                parse.GetValue(output)!,
                parse.GetValue(allure),
                parse.GetValue(junit),
                parse.GetValue(rules),
                parse.GetValue(tools)),
            new ReportCommand(env).RunAsync);
    }
}
