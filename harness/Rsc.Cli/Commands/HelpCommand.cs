using System.Text;

namespace Rsc.Cli.Commands;

/// <summary>`rsc help [COMMAND]`: the command list, or one command's help.</summary>
public sealed class HelpCommand(CliEnvironment env, Func<IReadOnlyList<ICommand>> commands) : ICommand
{
    public string Name => "help";

    public string Summary => "show this help, or a command's help";

    public string Help => "usage: rsc help [COMMAND]";

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            env.Out.Write(Overview(commands()));
            return Task.FromResult(ExitCodes.Success);
        }
        if (args.Count > 1)
        {
            throw new UsageException($"unexpected argument '{args[1]}' for 'rsc help'");
        }
        var command = commands().FirstOrDefault(c => c.Name == args[0])
            ?? throw new UsageException($"unknown command '{args[0]}'; see 'rsc help'");
        env.Out.WriteLine(command.Help);
        return Task.FromResult(ExitCodes.Success);
    }

    public static string Overview(IReadOnlyList<ICommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var text = new StringBuilder();
        text.Append("rsc - conformance tests for TCP Receive Segment Coalescing (RSC) devices\n\n");
        text.Append("usage: rsc COMMAND [OPTIONS]\n\ncommands:\n");
        int width = commands.Max(c => c.Name.Length);
        foreach (var c in commands)
        {
            text.Append("  ").Append(c.Name.PadRight(width)).Append("  ").Append(c.Summary).Append('\n');
        }
        text.Append("\n'rsc help COMMAND' or 'rsc COMMAND --help' shows a command's options; 'rsc --version' the version.\n");
        text.Append("Exit codes: 0 nothing failed, 1 a case failed or errored (for faults: a fault escaped or the fault-free\n");
        text.Append("device did not pass), 2 bad arguments or files.\n");
        return text.ToString();
    }
}
