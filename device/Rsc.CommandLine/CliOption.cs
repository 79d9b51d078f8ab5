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

    public string? DefaultText { get; set; }

    public string? EnvironmentVariable { get; set; }

    public bool Repeatable { get; set; }

    public bool Needed { get; set; }

    public string? Details { get; set; }
}
