using System.CommandLine;
using System.CommandLine.Parsing;

namespace Rsc.CommandLine;

/// <summary>
/// Finds the first thing wrong with a parsed command line, in the order a reader meets it: words the
/// command does not know (left to right), options without their value or given twice, what the
/// command needs and did not get, then values refused by their option's own check.
/// </summary>
public static class UsageProblems
{
    /// <summary>The first problem, or null when the command line is fine.</summary>
    public static UsageProblem? First(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var commandResult = parse.CommandResult;
        var command = commandResult.Command;
        // A command with subcommands expects one of them (the tool itself, "rsc"); others take options.
        bool expectsCommand = command.Subcommands.Count > 0;
        string name = CommandPath(command);

        if (UnknownWord(parse, commandResult, expectsCommand, name) is { } unknown)
        {
            return unknown;
        }
        if (expectsCommand && parse.Action is null or System.CommandLine.Invocation.ParseErrorAction)
        {
            return new UsageProblem(UsageProblemKind.MissingCommand, name);
        }
        foreach (var optionResult in commandResult.Children.OfType<OptionResult>())
        {
            var option = optionResult.Option;
            if (optionResult.Implicit)
            {
                continue;
            }
            if (option.Arity.MinimumNumberOfValues > 0 && optionResult.Tokens.Count == 0)
            {
                return new UsageProblem(UsageProblemKind.MissingValue, name, option.Name);
            }
            bool repeatable = option is IOptionHelp help ? help.Repeatable : option.Arity.MaximumNumberOfValues > 1;
            if (!repeatable && optionResult.IdentifierTokenCount > 1)
            {
                return new UsageProblem(UsageProblemKind.Repeated, name, option.Name, Count: optionResult.IdentifierTokenCount);
            }
        }
        foreach (var argument in command.Arguments)
        {
            if (argument is IArgumentHelp { MinimumCount: > 0 } needed && (parse.GetResult(argument)?.Tokens.Count ?? 0) < needed.MinimumCount)
            {
                return new UsageProblem(UsageProblemKind.MissingArgument, name, Missing: needed.MissingText);
            }
        }
        foreach (var option in command.Options)
        {
            if (option is IOptionHelp { Needed: true, EnvironmentVariable: null } && parse.GetResult(option) is null or { Implicit: true })
            {
                return new UsageProblem(UsageProblemKind.MissingOption, name, option.Name, Missing: $"{option.Name} {option.HelpName}".TrimEnd());
            }
        }
        var error = parse.Errors.FirstOrDefault();
        return error is null ? null : new UsageProblem(UsageProblemKind.Invalid, name, Message: error.Message);
    }

    /// <summary>The first word, left to right, that is neither the command, an option of it, an option's value nor a positional it takes.</summary>
    private static UsageProblem? UnknownWord(ParseResult parse, CommandResult commandResult, bool expectsCommand, string name)
    {
        var owned = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (SymbolResult? result = commandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult c)
            {
                foreach (var optionResult in c.Children.OfType<OptionResult>())
                {
                    owned.UnionWith(optionResult.Tokens);
                }
            }
        }
        var unmatched = parse.UnmatchedTokens.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        bool afterDoubleDash = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                afterDoubleDash = true;
                continue;
            }
            if (token.Type != TokenType.Argument || owned.Contains(token))
            {
                continue;
            }
            if (!afterDoubleDash && token.Value.Length > 1 && token.Value[0] == '-')
            {
                int eq = token.Value.IndexOf('=', StringComparison.Ordinal);
                var optionName = eq > 0 ? token.Value[..eq] : token.Value;
                var known = KnownOptions(commandResult).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
                return new UsageProblem(UsageProblemKind.UnknownOption, name, optionName, Suggestion: expectsCommand ? null : Suggestions.Closest(optionName, known));
            }
            if (unmatched.TryGetValue(token.Value, out int left) && left > 0)
            {
                return expectsCommand
                    ? new UsageProblem(UsageProblemKind.UnknownCommand, name, token.Value,
                        Suggestion: Suggestions.Closest(token.Value, commandResult.Command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name)))
                    : new UsageProblem(UsageProblemKind.UnexpectedArgument, name, token.Value);
            }
        }
        return null;
    }

    /// <summary>"evidence pack": the command's name after its parents' below the root; a root's own name.</summary>
    public static string CommandPath(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            if (c.Parents.OfType<Command>().Any() || names.Count == 0)
            {
                names.Insert(0, c.Name);
            }
        }
        return string.Join(' ', names);
    }

    private static IEnumerable<Option> KnownOptions(CommandResult commandResult)
    {
        foreach (var option in commandResult.Command.Options)
        {
            yield return option;
        }
        for (var parent = commandResult.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }
}
