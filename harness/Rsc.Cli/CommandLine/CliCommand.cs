using System.CommandLine;
using System.Text;
using Rsc.CommandLine;

namespace Rsc.Cli.CommandLine;

/// <summary>
/// One `rsc` command: its System.CommandLine declaration (options, arguments, completions) plus the
/// prose help puts around the generated synopsis and option list.
/// </summary>
public sealed class CliCommand : Command
{
    public CliCommand(string name, string summary, string description)
        : base(name, summary)
    {
        HelpDescription = description;
    }

    /// <summary>The paragraph between the synopsis and the options.</summary>
    public string HelpDescription { get; }

    /// <summary>Said after the options: exit codes, notes.</summary>
    public string? Footer { get; init; }

    /// <summary>Whether the overview's command table shows it (others are named in its closing lines).</summary>
    public bool Listed { get; init; } = true;

    /// <summary>The whole stderr line for a usage problem, when the command words them its own way; null for rsc's wording.</summary>
    public Func<UsageProblem, string>? DescribeProblem { get; init; }

    /// <summary>Binds the parse to the handler's typed arguments and runs the handler.</summary>
    public CliCommand Handles<TArguments>(Func<ParseResult, TArguments> bind, Func<TArguments, CancellationToken, Task<int>> handler)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(handler);
        SetAction((parse, cancellationToken) => handler(bind(parse), cancellationToken));
        return this;
    }

    /// <summary>The full help: synopsis, description, options, footer.</summary>
    public string HelpText()
    {
        var text = new StringBuilder();
        text.Append(HelpWriter.Synopsis(ToolInfo.Name, this)).Append("\n\n");
        text.Append(HelpDescription.TrimEnd('\n')).Append('\n');
        if (Subcommands.Count > 0)
        {
            int width = Subcommands.Max(c => c.Name.Length);
            foreach (var sub in Subcommands.Where(c => !c.Hidden))
            {
                text.Append("  ").Append(sub.Name.PadRight(width)).Append("  ").Append(sub.Description).Append('\n');
            }
        }
        text.Append(HelpWriter.Options(this));
        if (Footer is { } footer)
        {
            text.Append(footer.TrimEnd('\n')).Append('\n');
        }
        return text.ToString();
    }
}
