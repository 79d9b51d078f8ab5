namespace Rsc.Cli.Commands;

/// <summary>One `rsc` command.</summary>
public interface ICommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>The full help text.</summary>
    string Help { get; }

    /// <summary>Runs with the arguments after the command name; returns the exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
