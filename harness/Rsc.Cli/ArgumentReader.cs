using System.CommandLine;
using System.Globalization;
using Rsc.CommandLine;

namespace Rsc.Cli;

/// <summary>
/// Arguments read by name, for code that has no declaration of its own (scripts, tests): the names
/// become a System.CommandLine command on the spot and are parsed by the same rules as rsc's
/// commands. Options ("--name value", "--name=value"), flags ("--keep-timing") and positional
/// arguments; anything not named is a usage error.
/// </summary>
public sealed class ArgumentReader
{
    private readonly string _command;
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public ArgumentReader(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string>? flagOptions = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        _command = command;
        var declaration = new Command(command);
        var values = valueOptions.Select(name => new Option<string[]>(name) { Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false }).ToList();
        var flags = (flagOptions ?? []).Select(name => new Option<bool>(name) { Arity = ArgumentArity.Zero }).ToList();
        var help = new Option<bool>("--help", "-h") { Arity = ArgumentArity.Zero };
        var positionals = new Argument<string[]>("ARGS") { Arity = ArgumentArity.ZeroOrMore };
        values.ForEach(declaration.Options.Add);
        flags.ForEach(declaration.Options.Add);
        declaration.Options.Add(help);
        declaration.Arguments.Add(positionals);
        var parse = declaration.Parse(args, CommandLineParsing.Configuration);
        if (UsageProblems.First(parse) is { } problem)
        {
            throw new UsageException(problem.Kind == UsageProblemKind.UnknownOption
                ? $"unknown option '{problem.Token}' for 'rsc {command}'; see 'rsc help {command}'"
                : CliApp.Describe(problem, atRoot: false));
        }
        HelpRequested = parse.GetValue(help);
        _positionals.AddRange(parse.GetValue(positionals) ?? []);
        foreach (var option in values.Where(o => parse.GetResult(o) is { Implicit: false }))
        {
            _values[option.Name] = [.. parse.GetValue(option) ?? []];
        }
        _flags.UnionWith(flags.Where(parse.GetValue).Select(f => f.Name));
    }

    public bool HelpRequested { get; }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Has(string flag) => _flags.Contains(flag);

    public bool IsGiven(string option) => _values.ContainsKey(option) || _flags.Contains(option);

    /// <summary>Every value given for a repeatable option, commas splitting further ("--case A,B").</summary>
    public IReadOnlyList<string> All(string option) =>
        _values.TryGetValue(option, out var list)
            ? [.. list.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : [];

    /// <summary>The value of an option that may be given once.</summary>
    public string? Single(string option)
    {
        if (!_values.TryGetValue(option, out var list))
        {
            return null;
        }
        if (list.Count > 1)
        {
            throw new UsageException($"{option} given {list.Count} times; give it once");
        }
        if (list[0].Length == 0)
        {
            throw new UsageException($"{option} needs a non-empty value");
        }
        return list[0];
    }

    public void ExpectPositionals(int min, int max, string what)
    {
        if (_positionals.Count < min)
        {
            throw new UsageException($"'rsc {_command}' needs {what}; see 'rsc help {_command}'");
        }
        if (_positionals.Count > max)
        {
            throw new UsageException($"unexpected argument '{_positionals[max]}' for 'rsc {_command}'; see 'rsc help {_command}'");
        }
    }

    /// <summary>A time given in microseconds (decimals allowed), as ns; null when not given.</summary>
    public long? Microseconds(string option, bool allowZero)
    {
        var text = Single(option);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var us)
            || !double.IsFinite(us) || us < 0 || (!allowZero && us == 0) || us > 3.6e9)
        {
            var kind = allowZero ? "a non-negative" : "a positive";
            throw new UsageException($"{option} needs {kind} number of microseconds, not '{text}'");
        }
        long ns = (long)Math.Round(us * 1000);
        if (!allowZero && ns == 0)
        {
            throw new UsageException($"{option} needs at least 0.001 microseconds, not '{text}'");
        }
        return ns;
    }

    /// <summary>A positive duration given in seconds (decimals allowed); null when not given.</summary>
    public TimeSpan? Seconds(string option)
    {
        var text = Single(option);
        if (text is null)
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            || !double.IsFinite(s) || s <= 0 || s > 86_400)
        {
            throw new UsageException($"{option} needs a positive number of seconds (at most 86400), not '{text}'");
        }
        return TimeSpan.FromSeconds(s);
    }
}
