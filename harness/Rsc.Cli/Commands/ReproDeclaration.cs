using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc repro` is given.</summary>
public sealed record ReproArguments(string CaseId, RunSettings Settings, string? Out);

/// <summary>The declaration of `rsc repro`.</summary>
public static class ReproDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var id = new CliArgument<string>("ID", "a case id (see 'rsc list')", ArgumentArity.ExactlyOne) { Description = "the case to run" };
        id.CompletionSources.Add(_ => env.Cases.Select(c => new System.CommandLine.Completions.CompletionItem(c.Id)));
        var dut = SharedOptions.Dut(env);
        var interval = SharedOptions.Interval();
        var spacing = SharedOptions.Spacing();
        var latency = SharedOptions.LatencyAllowance();
        var output = SharedOptions.Out("also write DIR/results.json and DIR/cases/ID/ as `rsc run` does", null);
        var timeout = SharedOptions.CaseTimeout();
        var command = new CliCommand("repro", "run one case and show every frame sent and received", """
            Runs one case and prints it in full: the case and its timing, each sent frame (scheduled vs
            sent time, label, flow, seq/ack/len/flags/win/ipid/ttl), each guest frame with its virtio
            header, TCP summary and the sent frames it covers, each finding beside the guest frames it
            concerns, a list of findings and the outcome.
            """)
        {
            Footer = "Exit code: 0 unless the case failed or errored (1); 2 for bad arguments; 130 when interrupted.",
        };
        command.Add(id);
        command.Add(dut);
        command.Add(interval);
        command.Add(spacing);
        command.Add(latency);
        command.Add(output);
        command.Add(timeout);
        return command.Handles(
            parse => new ReproArguments(
                parse.GetValue(id)!,
                RunSettings.From(parse.GetValue(dut), parse.GetValue(interval), parse.GetValue(spacing), parse.GetValue(timeout), parse.GetValue(latency)),
                parse.GetValue(output)),
            new ReproCommand(env).RunAsync);
    }
}
