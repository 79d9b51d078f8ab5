using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc rejudge` is given.</summary>
public sealed record RejudgeArguments(string RunFolder, string? Out);

/// <summary>The declaration of `rsc rejudge`.</summary>
public static class RejudgeDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var runFolder = new CliArgument<string>("RUN_DIR", "a run folder: its results.json and the captures under cases/", ArgumentArity.ExactlyOne)
        {
            Description = "a folder 'rsc run' wrote",
        };
        var output = OptionKinds.Text("--out", "DIR", "where the re-judged run goes (default out/rejudged/<UTC yyyyMMdd-HHmmss>); never RUN_DIR itself");
        var command = new CliCommand("rejudge", "judge a recorded run's captures again with this oracle", """
            Reads RUN_DIR/results.json and each case's capture (sent.pcap, guest.pcap, guest.jsonl),
            rebuilds the case's traffic from the catalogue at the interval and spacing the run
            recorded, and judges the capture again with this version's oracle, with the device profile
            (dut.capabilities.excuses) and latency tolerance the run recorded. Writes a new run folder
            (results.json says which run it re-judged, under "rejudged"; captures and wire logs per
            case) and prints every case whose verdict changed: outcome, findings gone (-) and new (+).
            Nothing is sent to any device; RUN_DIR is only read.
            """)
        {
            Footer = "Exit code: 0 when no re-judged case failed or errored, 1 otherwise, 2 for bad arguments or an unreadable run folder, 130 when interrupted.",
        };
        command.Add(runFolder);
        command.Add(output);
        return command.Handles(
            parse => new RejudgeArguments(parse.GetValue(runFolder)!, parse.GetValue(output)),
            new RejudgeCommand(env).RunAsync);
    }
}
