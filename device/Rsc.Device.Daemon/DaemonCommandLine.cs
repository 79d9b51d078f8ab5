using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using Rsc.CommandLine;

namespace Rsc.Device.Daemon;

/// <summary>
/// The declaration of `rsc device`'s options: each option with its check, default and environment
/// variable (options win over RSC_TAP, RSC_GUEST_SOCKET and RSC_INTERVAL_NS), and how a parse
/// becomes <see cref="DaemonOptions"/>. `rsc` shows and parses the same declaration.
/// </summary>
public sealed class DaemonCommandLine
{
    public const string Name = "device";

    public const string Summary = "run the reference device as a daemon on a TAP, delivering guest frames to a socket";

    public const string Description = """
        Attaches to an existing TAP (persistent and up) with a 12-byte vnet header, runs the reference
        RSC engine on the real clock on every frame the kernel sends into it, and connects to the Unix
        SOCK_SEQPACKET socket PATH, where each guest frame arrives as one message: the 12-byte
        little-endian virtio_net_hdr_v1 followed by the Ethernet frame. Runs until SIGTERM or SIGINT,
        then stops reading, flushes what the engine holds to the socket and exits 0.
        """;

    public const string Footer = """
        Options win over the environment. Logs one line on stderr when it starts and one when it stops.
        Exit code: 0 after SIGTERM/SIGINT, 1 when the TAP or the socket fails (the socket's peer going
        away included), 2 for bad arguments.
        """;

    public DaemonCommandLine(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Tap = new CliOption<string?>("--tap", "IF", "the TAP interface")
        {
            Needed = true,
            EnvironmentVariable = DaemonOptions.TapVariable,
            CustomParser = r => Checked(r, NonEmpty(r, "--tap"), ValidateTap),
            DefaultValueFactory = r => Checked(r, Variable(environment, DaemonOptions.TapVariable), ValidateTap),
        };
        GuestSocket = new CliOption<string?>("--guest-socket", "PATH", "the listening socket to connect to")
        {
            Needed = true,
            EnvironmentVariable = DaemonOptions.GuestSocketVariable,
            CustomParser = r => Checked(r, NonEmpty(r, "--guest-socket"), ValidateSocketPath),
            DefaultValueFactory = r => Checked(r, Variable(environment, DaemonOptions.GuestSocketVariable), ValidateSocketPath),
        };
        Interval = new CliOption<long>("--interval-us", "N", $"drain interval in microseconds (${DaemonOptions.IntervalVariable} is in nanoseconds)")
        {
            EnvironmentVariable = DaemonOptions.IntervalVariable,
            DefaultText = OptionKinds.FormatMicroseconds(DaemonOptions.DefaultIntervalNs),
            CustomParser = ParseIntervalOption,
            DefaultValueFactory = r => IntervalFromEnvironment(r, environment),
        };
        Faults = new CliOption<RscFault>("--fault", "NAME[+NAME]", "make the engine faulty on purpose ('+' joins several; repeatable)")
        {
            Repeatable = true,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            Details = "faults: " + string.Join(", ", RscFaults.Names),
            CustomParser = ParseFaults,
            DefaultValueFactory = _ => RscFault.None,
        };
        Faults.CompletionSources.Clear();
        Faults.CompletionSources.Add([.. RscFaults.Names]);
        MaxFlows = new CliOption<int>("--max-flows", "N", "flows cached at once; past it segments pass uncoalesced")
        {
            DefaultText = DaemonOptions.DefaultMaxFlows.ToString(CultureInfo.InvariantCulture),
            CustomParser = ParseMaxFlows,
            DefaultValueFactory = _ => DaemonOptions.DefaultMaxFlows,
        };
    }

    public CliOption<string?> Tap { get; }

    public CliOption<string?> GuestSocket { get; }

    public CliOption<long> Interval { get; }

    public CliOption<RscFault> Faults { get; }

    public CliOption<int> MaxFlows { get; }

    public IReadOnlyList<Option> Options => [Tap, GuestSocket, Interval, Faults, MaxFlows];

    /// <summary>A command holding these options alone (how <see cref="DaemonOptions.Parse"/> reads arguments).</summary>
    public Command Command()
    {
        var command = new Command(Name, Summary);
        foreach (var option in Options)
        {
            command.Options.Add(option);
        }
        return command;
    }

    /// <summary>The options of a parse that has no <see cref="UsageProblems"/>.</summary>
    /// <exception cref="DaemonUsageException">The TAP or the socket is given nowhere.</exception>
    public DaemonOptions Bind(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var tap = parse.GetValue(Tap)
            ?? throw new DaemonUsageException($"no tap: give --tap IF or set {DaemonOptions.TapVariable}");
        var socket = parse.GetValue(GuestSocket)
            ?? throw new DaemonUsageException($"no guest socket: give --guest-socket PATH or set {DaemonOptions.GuestSocketVariable}");
        return new DaemonOptions
        {
            Tap = tap,
            GuestSocket = socket,
            IntervalNs = parse.GetValue(Interval),
            Faults = parse.GetValue(Faults),
            MaxFlows = parse.GetValue(MaxFlows),
        };
    }

    /// <summary>A usage problem in the daemon's words (no "see help": the daemon is often run by a harness, not a person).</summary>
    public static string Describe(UsageProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Kind switch
        {
            UsageProblemKind.UnknownOption => $"unknown option '{problem.Token}'",
            UsageProblemKind.UnexpectedArgument or UsageProblemKind.UnknownCommand => $"unexpected argument '{problem.Token}'",
            UsageProblemKind.MissingValue => $"{problem.Token} needs a value",
            UsageProblemKind.Repeated => $"{problem.Token} given more than once; give it once",
            _ => problem.Message ?? problem.Kind.ToString(),
        };
    }

    private static string? Variable(Func<string, string?> environment, string name) =>
        environment(name) is { Length: > 0 } value ? value : null;

    private static string? NonEmpty(ArgumentResult r, string option)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (text.Length == 0)
        {
            r.AddError($"{option} needs a non-empty value");
            return null;
        }
        return text;
    }

    private static string? Checked(ArgumentResult r, string? value, Func<string, string?> why)
    {
        if (value is not null && why(value) is { } error)
        {
            r.AddError(error);
            return null;
        }
        return value;
    }

    private static string? ValidateTap(string tap) =>
        Encoding.UTF8.GetByteCount(tap) > 15 || tap is "." or ".." || tap.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"'{tap}' is not an interface name (at most 15 bytes; no '/', ':' or spaces)"
            : null;

    private static string? ValidateSocketPath(string path) =>
        path.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(path) > 107
            ? $"guest socket path '{path}' is too long for a Unix socket (at most 107 bytes)"
            : null;

    private static long ParseIntervalOption(ArgumentResult r)
    {
        var us = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (!double.TryParse(us, NumberStyles.Float, CultureInfo.InvariantCulture, out var microseconds)
            || !double.IsFinite(microseconds) || microseconds <= 0 || microseconds * 1000 > DaemonOptions.MaxIntervalNs)
        {
            r.AddError($"--interval-us needs a positive number of microseconds (at most {DaemonOptions.MaxIntervalNs / 1000}), not '{us}'");
            return 0;
        }
        long ns = (long)Math.Round(microseconds * 1000);
        if (ns <= 0)
        {
            r.AddError($"--interval-us needs at least 0.001 microseconds, not '{us}'");
        }
        return ns;
    }

    private static long IntervalFromEnvironment(ArgumentResult r, Func<string, string?> environment)
    {
        if (Variable(environment, DaemonOptions.IntervalVariable) is not { } text)
        {
            return DaemonOptions.DefaultIntervalNs;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) || ns <= 0 || ns > DaemonOptions.MaxIntervalNs)
        {
            r.AddError($"{DaemonOptions.IntervalVariable} needs a positive whole number of nanoseconds (at most {DaemonOptions.MaxIntervalNs}), not '{text}'");
            return DaemonOptions.DefaultIntervalNs;
        }
        return ns;
    }

    private static RscFault ParseFaults(ArgumentResult r)
    {
        var faults = RscFault.None;
        foreach (var token in r.Tokens)
        {
            foreach (var name in token.Value.Split(['+', ','], StringSplitOptions.TrimEntries))
            {
                if (!RscFaults.TryParse(name, out var fault) || name.Length == 0)
                {
                    r.AddError($"unknown fault '{name}'; known: none, {string.Join(", ", RscFaults.Names)}");
                    return RscFault.None;
                }
                faults |= fault;
            }
        }
        return faults;
    }

    private static int ParseMaxFlows(ArgumentResult r)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var flows) || flows > RscEngineOptions.MaxCachedFlowsLimit)
        {
            r.AddError($"--max-flows needs a whole number from 0 to {RscEngineOptions.MaxCachedFlowsLimit}, not '{text}'");
        }
        return flows;
    }
}
