using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Rsc.CommandLine;

/// <summary>
/// The kinds of option the rsc tools take, each with its check and the one-line message a bad value
/// gets. A declaration names the option, says what it means and gives its default; the kind does the rest.
/// </summary>
public static class OptionKinds
{
    /// <summary>A single non-empty word; <paramref name="fallback"/> supplies it when the option is absent (null: absent).</summary>
    public static CliOption<string?> Text(string name, string placeholder, string description, Func<string?>? fallback = null, string? defaultText = null) =>
        new(name, placeholder, description)
        {
            DefaultText = defaultText,
            CustomParser = r => NonEmpty(r, name),
            DefaultValueFactory = _ => fallback?.Invoke(),
        };

    /// <summary>A repeatable option whose values may also be joined by commas ("--case A,B --case C"); empty when absent.</summary>
    public static CliOption<IReadOnlyList<string>> List(string name, string placeholder, string description) =>
        new(name, placeholder, description)
        {
            Repeatable = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = r => [.. r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            DefaultValueFactory = _ => [],
        };

    /// <summary>An option that takes no value.</summary>
    public static CliOption<bool> Flag(string name, string description) =>
        new(name, "", description) { Arity = ArgumentArity.Zero };

    /// <summary>One of a few words ("table", "json"); completions offer them.</summary>
    public static CliOption<string> Choice(string name, string placeholder, string description, IReadOnlyList<string> values, string defaultValue)
    {
        var option = new CliOption<string>(name, placeholder, description)
        {
            DefaultText = defaultValue,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!values.Contains(text, StringComparer.Ordinal))
                {
                    r.AddError($"{name} must be {Alternatives(values)}, not '{text}'");
                }
                return text;
            },
        };
        option.CompletionSources.Add([.. values]);
        return option;
    }

    /// <summary>A time in microseconds (decimals allowed), held in nanoseconds.</summary>
    public static CliOption<long> Microseconds(string name, string description, long defaultNs, MicrosecondLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new CliOption<long>(name, "N", description)
        {
            DefaultText = FormatMicroseconds(defaultNs) + (limits.MaxNs < MicrosecondLimits.Standard.MaxNs ? $"; at most {FormatMicroseconds(limits.MaxNs)}" : ""),
            DefaultValueFactory = _ => defaultNs,
            CustomParser = r => ParseMicroseconds(r, name, limits),
        };
    }

    /// <summary>A positive duration in seconds (decimals allowed), at most a day.</summary>
    public static CliOption<TimeSpan?> Seconds(string name, string description, TimeSpan? defaultValue, string? defaultText = null) =>
        new(name, "N", description)
        {
            DefaultText = defaultText ?? (defaultValue is { } d ? d.TotalSeconds.ToString(CultureInfo.InvariantCulture) : null),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || !double.IsFinite(s) || s <= 0 || s > MaxSeconds)
                {
                    r.AddError($"{name} needs a positive number of seconds (at most {MaxSeconds}), not '{text}'");
                    return null;
                }
                return TimeSpan.FromSeconds(s);
            },
        };

    /// <summary>A whole number from <paramref name="minimum"/> up.</summary>
    public static CliOption<int> WholeNumber(string name, string description, int defaultValue, int minimum) =>
        new(name, "N", description)
        {
            DefaultText = defaultValue.ToString(CultureInfo.InvariantCulture),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
                {
                    r.AddError($"{name} must be an integer of at least {minimum}, not '{text}'");
                }
                return value;
            },
        };

    public const double MaxSeconds = 86_400;

    /// <summary>"'a' or 'b'", "'a', 'b' or 'c'".</summary>
    public static string Alternatives(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var quoted = values.Select(v => $"'{v}'").ToList();
        return quoted.Count <= 1 ? string.Concat(quoted) : $"{string.Join(", ", quoted.Take(quoted.Count - 1))} or {quoted[^1]}";
    }

    /// <summary>Nanoseconds as microseconds, without trailing zeros ("300", "62.5").</summary>
    public static string FormatMicroseconds(long ns) => (ns / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string? NonEmpty(ArgumentResult r, string name)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (text.Length == 0)
        {
            r.AddError($"{name} needs a non-empty value");
        }
        return text;
    }

    private static long ParseMicroseconds(ArgumentResult r, string name, MicrosecondLimits limits)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        bool number = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var us) && double.IsFinite(us);
        if (!number || us < 0 || us > MicrosecondLimits.Standard.MaxNs / 1000.0 || (us == 0 && limits.ZeroMessage is null && !limits.ZeroAllowed))
        {
            r.AddError($"{name} needs {(limits.ZeroAllowed || limits.ZeroMessage is not null ? "a non-negative" : "a positive")} number of microseconds, not '{text}'");
            return 0;
        }
        if (us == 0 && !limits.ZeroAllowed)
        {
            r.AddError($"{name} {limits.ZeroMessage}, not '{text}'");
            return 0;
        }
        long ns = (long)Math.Round(us * 1000);
        if (ns == 0 && us > 0)
        {
            r.AddError($"{name} needs at least 0.001 microseconds, not '{text}'");
            return 0;
        }
        if (ns > limits.MaxNs)
        {
            r.AddError($"{name} must be at most {FormatMicroseconds(limits.MaxNs)} microseconds{limits.MaxNote}, not '{text}'");
            return 0;
        }
        return ns;
    }
}

/// <summary>Which microsecond values an option accepts.</summary>
public sealed record MicrosecondLimits
{
    /// <summary>Anything up to an hour, zero excluded.</summary>
    public static MicrosecondLimits Standard { get; } = new();

    /// <summary>Zero is a value (no delay at all).</summary>
    public bool ZeroAllowed { get; init; }

    /// <summary>When set, zero is refused with this reason ("must be above 0 ...") rather than called not a number.</summary>
    public string? ZeroMessage { get; init; }

    /// <summary>The largest value, in nanoseconds.</summary>
    public long MaxNs { get; init; } = 3_600_000_000_000;

    /// <summary>Said after the limit, e.g. " (10 s)".</summary>
    public string MaxNote { get; init; } = "";
}
