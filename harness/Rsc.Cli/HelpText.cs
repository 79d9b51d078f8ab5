using System.Text;
using Rsc.Harness.Adapters;
using Rsc.Harness.Adapters.Reference;

namespace Rsc.Cli;

/// <summary>Help fragments more than one command shows.</summary>
public static class HelpText
{
    /// <summary>The --dut line and, indented beneath, the reference device's fault names.</summary>
    public static string DutOption()
    {
        var text = new StringBuilder();
        text.Append($"  --dut SPEC        device under test (default {RunSettings.DefaultDut}); SPEC is\n");
        text.Append($"                    {DeviceRegistry.Syntax}\n");
        if (ReferenceFaults.Names.Count > 0)
        {
            text.Append(Wrap("faults: " + string.Join(", ", ReferenceFaults.Names), "                    ", 100));
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Word-wraps <paramref name="text"/> to <paramref name="width"/> columns, each line indented.</summary>
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
}
