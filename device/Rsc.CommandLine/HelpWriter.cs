using System.CommandLine;
using System.Text;

namespace Rsc.CommandLine;

/// <summary>
/// Help written from a command's declaration: the synopsis, and a line per option with its
/// placeholder, meaning, default and environment variable. Nothing here restates a default by hand.
/// </summary>
public static class HelpWriter
{
    public const int Width = 100;

    /// <summary>Where option descriptions start.</summary>
    public const int DescriptionColumn = 20;

    /// <summary>"usage: rsc run [--dut SPEC] [--case ID]... ", wrapped under the command's name.</summary>
    public static string Synopsis(string tool, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var items = new List<string>();
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            var many = argument.Arity.MaximumNumberOfValues > 1 ? "..." : "";
            int minimum = argument is IArgumentHelp help ? help.MinimumCount : argument.Arity.MinimumNumberOfValues;
            items.Add(minimum > 0 ? argument.Name + many : $"[{argument.Name}]{many}");
        }
        var options = command.Options.Where(o => !o.Hidden && o is IOptionHelp).Cast<Option>().ToList();
        foreach (var option in options.Where(o => ((IOptionHelp)o).Needed))
        {
            items.Add(Usage(option));
        }
        foreach (var option in options.Where(o => !((IOptionHelp)o).Needed))
        {
            items.Add($"[{Usage(option)}]{(((IOptionHelp)option).Repeatable ? "..." : "")}");
        }
        var head = $"usage: {tool} {UsageProblems.CommandPath(command)}";
        if (command.Subcommands.Count > 0)
        {
            items.Insert(0, "COMMAND");
        }
        var indent = new string(' ', head.Length + 1);
        var text = new StringBuilder(head);
        int lineLength = head.Length;
        foreach (var item in items)
        {
            if (lineLength + 1 + item.Length > Width && lineLength > indent.Length)
            {
                text.Append('\n').Append(indent.AsSpan(0, indent.Length - 1));
                lineLength = indent.Length - 1;
            }
            text.Append(' ').Append(item);
            lineLength += 1 + item.Length;
        }
        return text.ToString();
    }

    /// <summary>A line (or a few) per option: "  --name PLACEHOLDER   meaning (default X)", then its details.</summary>
    public static string Options(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = new StringBuilder();
        var indent = new string(' ', DescriptionColumn);
        foreach (var option in command.Options.Where(o => !o.Hidden && o is IOptionHelp))
        {
            var help = (IOptionHelp)option;
            var head = "  " + Usage(option);
            var description = (option.Description ?? "") + DefaultNote(help);
            var wrapped = Wrap(description, indent, Width);
            if (wrapped.Length == 0)
            {
                text.Append(head).Append('\n');
            }
            else if (head.Length <= DescriptionColumn - 2)
            {
                text.Append(head.PadRight(DescriptionColumn)).Append(wrapped.AsSpan(DescriptionColumn));
            }
            else
            {
                text.Append(head).Append('\n').Append(wrapped);
            }
            if (help.Details is { } details)
            {
                foreach (var line in details.Split('\n'))
                {
                    text.Append(Wrap(line, indent, Width));
                }
            }
        }
        return text.ToString();
    }

    /// <summary>" (default X)", " (default $VAR, else X)", " (default $VAR)" or nothing.</summary>
    public static string DefaultNote(IOptionHelp help)
    {
        ArgumentNullException.ThrowIfNull(help);
        return (help.EnvironmentVariable, help.DefaultText) switch
        {
            (null, null) => "",
            (null, var d) => $" (default {d})",
            (var v, null) => $" (default ${v})",
            (var v, var d) => $" (default ${v}, else {d})",
        };
    }

    /// <summary>Word-wraps <paramref name="text"/> to <paramref name="width"/> columns, each line indented and ending in '\n'.</summary>
    public static string Wrap(string text, string indent, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(indent);
        var result = new StringBuilder();
        var line = new StringBuilder(indent);
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > width)
            {
                result.Append(line).Append('\n');
                line.Clear().Append(indent);
            }
            if (line.Length > indent.Length)
            {
                line.Append(' ');
            }
            line.Append(word);
        }
        if (line.Length > indent.Length)
        {
            result.Append(line).Append('\n');
        }
        return result.ToString();
    }

    private static string Usage(Option option) =>
        string.IsNullOrEmpty(option.HelpName) ? option.Name : $"{option.Name} {option.HelpName}";
}
