using Rsc.Cli.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>`rsc version` (also `rsc --version`, `rsc -V`).</summary>
public static class VersionDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var command = new CliCommand("version", "print the version", "Prints the tool's name and version, as results.json records them.")
        {
            Footer = "Exit code: 0.",
        };
        return command.Handles(_ => 0, (_, _) =>
        {
            env.Out.WriteLine(Line);
            return Task.FromResult(ExitCodes.Success);
        });
    }

    /// <summary>"rsc 0.1.0+abc".</summary>
    public static string Line => $"{ToolInfo.Name} {ToolInfo.Version}";
}
