using System.Reflection;

namespace Rsc.Cli;

/// <summary>The tool's name and version as printed by --version and recorded in results.</summary>
public static class ToolInfo
{
    public const string Name = "rsc";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
