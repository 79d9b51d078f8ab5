using System.CommandLine;
using System.Text;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>`rsc help [COMMAND]`, `rsc --help`, `rsc COMMAND --help`: the overview or one command's help.</summary>
public static class HelpDeclaration
{
    public static CliCommand Create(CliEnvironment env, Func<IReadOnlyList<CliCommand>> commands)
    {
        ArgumentNullException.ThrowIfNull(env);
        var name = new CliArgument<string[]>("COMMAND", "", new ArgumentArity(0, 2)) { Description = "the command (and subcommand) to explain" };
        name.CompletionSources.Add(_ => commands().Select(c => new System.CommandLine.Completions.CompletionItem(c.Name)));
        var command = new CliCommand("help", "show this help, or a command's help", "Shows the list of commands, or the options of one.")
        {
            Footer = "Exit code: 0, or 2 for a command rsc does not have.",
        };
        command.Add(name);
        return command.Handles(parse => parse.GetValue(name) ?? [], (wanted, _) =>
        {
            if (wanted.Length == 0)
            {
                env.Out.Write(Overview(commands()));
                return Task.FromResult(ExitCodes.Success);
            }
            var found = commands().FirstOrDefault(c => c.Name == wanted[0])
                ?? throw new UsageException($"unknown command '{wanted[0]}'; see 'rsc help'");
            if (wanted.Length > 1)
            {
                found = found.Subcommands.OfType<CliCommand>().FirstOrDefault(c => c.Name == wanted[1])
                    ?? throw new UsageException($"unknown command '{wanted[1]}' for 'rsc {wanted[0]}'; see 'rsc help {wanted[0]}'");
            }
            env.Out.Write(found.HelpText());
            return Task.FromResult(ExitCodes.Success);
        });
    }

    public static string Overview(IReadOnlyList<CliCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var listed = commands.Where(c => c.Listed).ToList();
        var text = new StringBuilder();
        text.Append("rsc - conformance tests for TCP Receive Segment Coalescing (RSC) devices\n\n");
        text.Append("usage: rsc COMMAND [OPTIONS]\n\ncommands:\n");
        // The column fits the single-word commands scripts grep for ("  device   run ..."); a longer
        // group name (expectations) runs into the gap rather than shifting every line.
        const int width = 7;
        foreach (var c in listed)
        {
            text.Append("  ").Append(c.Name.PadRight(width)).Append(c.Name.Length < width + 2 ? "  " : " ").Append(c.Description).Append('\n');
        }
        text.Append("\n'rsc help COMMAND' or 'rsc COMMAND --help' shows a command's options; 'rsc --version' the version.\n");
        text.Append("'rsc completion bash|zsh|pwsh' prints a shell completion script (see 'rsc help completion').\n");
        text.Append(HelpWriter.Wrap(
            "Exit codes: 0 nothing failed, 1 a case failed or errored (for faults: a fault escaped or the fault-free device did not pass; "
            + "for run and faults also: the run's time limit, --run-timeout-s, expired; with run --expect and for expectations: "
            + "a failure the file does not expect or an expected one gone; for evidence: a changed, missing or extra file "
            + "or a bad signature), 2 bad arguments or files, "
            + "130 interrupted by Ctrl-C or SIGTERM (what was judged is kept).", "", HelpWriter.Width));
        return text.ToString();
    }
}
