using System.CommandLine;

namespace Rsc.CommandLine;

/// <summary>
/// An option as the rsc tools declare it: System.CommandLine's option (parsing, validation,
/// default, completions) plus what help shows about its default and environment variable.
/// </summary>
public sealed class CliOption<T> : Option<T>, IOptionHelp
{
    public CliOption(string name, string placeholder, string description)
        : base(name)
    {
        HelpName = placeholder;
        Description = description;
    }

    public string? DefaultText { get; init; }

    public string? EnvironmentVariable { get; init; }

    public bool Repeatable { get; init; }

    public bool Needed { get; init; }

    public string? Details { get; init; }
}
