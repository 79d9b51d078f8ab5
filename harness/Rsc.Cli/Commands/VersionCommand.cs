namespace Rsc.Cli.Commands;

/// <summary>`rsc version` / `rsc --version`.</summary>
public sealed class VersionCommand(CliEnvironment env) : ICommand
{
    public string Name => "version";

    public string Summary => "print the version";

    public string Help => "usage: rsc --version";

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count > 0)
        {
            throw new UsageException($"unexpected argument '{args[0]}' for 'rsc --version'");
        }
        env.Out.WriteLine($"{ToolInfo.Name} {ToolInfo.Version}");
        return Task.FromResult(ExitCodes.Success);
    }
}
