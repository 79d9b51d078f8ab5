using System.CommandLine;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc rules` is given.</summary>
public sealed record RulesArguments(string Format, string? Filter);

/// <summary>The declaration of `rsc rules`.</summary>
public static class RulesDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var format = OptionKinds.Choice("--format", "text|json", "a table, or a JSON array of objects with id, level (null: as stated), text, section and document", ["text", "json"], "text");
        var filter = new CliArgument<string>("ID-or-prefix", "", ArgumentArity.ZeroOrOne) { Description = "a rule id, or the start of ids (\"IPH\", \"VS.\")" };
        filter.CompletionSources.Add(_ => RuleCatalog.All.Select(r => new System.CommandLine.Completions.CompletionItem(r.Id)));
        var command = new CliCommand("rules", "list the oracle's rules: id, level, text and section of the rules document", """
            Lists every rule a finding can name, from the oracle's rule catalogue: its id, its level (Must,
            Should, Info, or "as stated" for rules a case checks at the level the case states), the rule in
            words and the section of testcases/rules.md that states it. ID-or-prefix narrows the list to
            that rule, or to the rules whose ids start with it (case-insensitive).
            """)
        {
            Footer = "Exit code: 0, or 2 when no rule matches.",
        };
        command.Add(filter);
        command.Add(format);
        return command.Handles(
            parse => new RulesArguments(parse.GetValue(format)!, parse.GetValue(filter)),
            new RulesCommand(env).RunAsync);
    }
}
