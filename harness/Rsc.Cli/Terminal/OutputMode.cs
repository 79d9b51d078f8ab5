using Spectre.Console;

namespace Rsc.Cli.Terminal;

/// <summary>
/// The one place that decides between a live display for a person at a terminal and the plain
/// line-per-case log that files, pipes and CI keep greppable.
/// </summary>
public static class OutputMode
{
    /// <summary>
    /// Live only when standard output is a terminal and neither CI (<c>CI</c>, <c>TF_BUILD</c>),
    /// <c>NO_COLOR</c> nor <c>TERM=dumb</c> asks for plain text; a variable counts when it is set
    /// and not empty.
    /// </summary>
    public static bool IsLive(bool outputIsTerminal, Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        bool Set(string name) => !string.IsNullOrEmpty(variables(name));
        return outputIsTerminal
            && !Set("CI")
            && !Set("TF_BUILD")
            && !Set("NO_COLOR")
            && !string.Equals(variables("TERM"), "dumb", StringComparison.Ordinal);
    }

    /// <summary>The console for the live display, writing to <paramref name="output"/>; null when the output should be plain.</summary>
    public static IAnsiConsole? TerminalFor(TextWriter output, bool outputIsTerminal, Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsLive(outputIsTerminal, variables))
        {
            return null;
        }
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
    }
}
