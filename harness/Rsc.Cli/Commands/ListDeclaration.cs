using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc list` is given.</summary>
public sealed record ListArguments(string Format, IReadOnlyList<string> Cases, IReadOnlyList<string> Sections);

/// <summary>The declaration of `rsc list`.</summary>
public static class ListDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var format = OptionKinds.Choice("--format", "table|json", "a table (id, section, level, title), or a JSON array with id, title, section, level, requirement, source, description and sources (each source document's key, title, url and rules: its section of testcases/rules.md)", ["table", "json"], "table");
        var cases = SharedOptions.Cases(env, "list this case (repeatable; commas separate several)");
        var sections = SharedOptions.Sections(env, "list the cases of this section (repeatable)");
        var command = new CliCommand("list", "list the conformance cases", """
            Lists the conformance cases. --case and --section narrow the list (their union, in catalogue order).
            """)
        {
            Footer = "Exit code: 0, or 2 for an unknown case, section or format.",
        };
        command.Add(format);
        command.Add(cases);
        command.Add(sections);
        return command.Handles(
            parse => new ListArguments(parse.GetValue(format)!, parse.GetValue(cases)!, parse.GetValue(sections)!),
            new ListCommand(env).RunAsync);
    }
}
