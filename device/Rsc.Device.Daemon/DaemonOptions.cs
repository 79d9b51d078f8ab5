using System.Globalization;
using System.Text;

namespace Rsc.Device.Daemon;

/// <summary>
/// What `rsc device` runs with: the TAP to attach to, the guest socket to connect to, the drain
/// interval, the engine's faults and its flow cap. Command-line options win over the environment
/// (RSC_TAP, RSC_GUEST_SOCKET, RSC_INTERVAL_NS).
/// </summary>
public sealed record DaemonOptions
{
    public const string TapVariable = "RSC_TAP";
    public const string GuestSocketVariable = "RSC_GUEST_SOCKET";
    public const string IntervalVariable = "RSC_INTERVAL_NS";

    /// <summary>Longest drain interval accepted: one hour.</summary>
    public const long MaxIntervalNs = 3_600_000_000_000;

    /// <summary>The engine's default drain interval (QEMU's rsc_interval default), 300 us.</summary>
    public static readonly long DefaultIntervalNs = (long)new RscEngineOptions().DrainInterval.TotalNanoseconds;

    /// <summary>The engine's default flow cap.</summary>
    public static readonly int DefaultMaxFlows = new RscEngineOptions().MaxCachedFlows;

    /// <summary>The options this parser knows, each followed by a value.</summary>
    public static IReadOnlyList<string> ValueOptions { get; } = ["--tap", "--guest-socket", "--interval-us", "--fault", "--max-flows"];

    public required string Tap { get; init; }

    public required string GuestSocket { get; init; }

    public long IntervalNs { get; init; } = DefaultIntervalNs;

    public RscFault Faults { get; init; } = RscFault.None;

    public int MaxFlows { get; init; } = DefaultMaxFlows;

    /// <summary>The engine's configuration; its interval is a TimeSpan, so it is rounded to 100 ns (at least 100 ns).</summary>
    public RscEngineOptions EngineOptions() => new()
    {
        DrainInterval = TimeSpan.FromTicks(Math.Max(1, (IntervalNs + 50) / 100)),
        MaxCachedFlows = MaxFlows,
        Faults = Faults,
    };

    /// <summary>Kebab-case fault names joined with '+', or "none".</summary>
    public string FaultText()
    {
        if (Faults == RscFault.None)
        {
            return "none";
        }
        var names = new List<string>();
        foreach (var name in RscFaults.Names)
        {
            var fault = RscFaults.Parse(name);
            if ((Faults & fault) != 0)
            {
                names.Add(name);
            }
        }
        return string.Join('+', names);
    }

    /// <summary>
    /// Parses `rsc device` arguments ("--name value" or "--name=value"), falling back on the
    /// environment (<paramref name="environment"/> maps a variable to its value, or null).
    /// </summary>
    /// <exception cref="DaemonUsageException">Unknown or repeated option, missing value, bad value, or TAP / socket given nowhere.</exception>
    public static DaemonOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var faultValues = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new DaemonUsageException($"unexpected argument '{arg}'");
            }
            var name = arg;
            string? value = null;
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            if (!ValueOptions.Contains(name))
            {
                throw new DaemonUsageException($"unknown option '{name}'");
            }
            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new DaemonUsageException($"{name} needs a value");
                }
                value = args[++i];
            }
            if (name == "--fault")
            {
                faultValues.Add(value);
                continue;
            }
            if (!values.TryAdd(name, value))
            {
                throw new DaemonUsageException($"{name} given more than once; give it once");
            }
        }

        var tap = Pick(values, "--tap", environment, TapVariable)
            ?? throw new DaemonUsageException($"no tap: give --tap IF or set {TapVariable}");
        var socket = Pick(values, "--guest-socket", environment, GuestSocketVariable)
            ?? throw new DaemonUsageException($"no guest socket: give --guest-socket PATH or set {GuestSocketVariable}");
        return new DaemonOptions
        {
            Tap = ValidateTap(tap),
            GuestSocket = ValidateSocketPath(socket),
            IntervalNs = ParseInterval(values, environment),
            Faults = ParseFaults(faultValues),
            MaxFlows = values.TryGetValue("--max-flows", out var flows) ? ParseMaxFlows(flows) : DefaultMaxFlows,
        };
    }

    /// <summary>The option's value, else the variable's; empty counts as absent for variables, as an error for options.</summary>
    private static string? Pick(Dictionary<string, string> values, string option, Func<string, string?> environment, string variable)
    {
        if (values.TryGetValue(option, out var value))
        {
            return value.Length > 0 ? value : throw new DaemonUsageException($"{option} needs a non-empty value");
        }
        var fromEnvironment = environment(variable);
        return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
    }

    private static string ValidateTap(string tap)
    {
        if (Encoding.UTF8.GetByteCount(tap) > 15 || tap is "." or ".." || tap.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new DaemonUsageException($"'{tap}' is not an interface name (at most 15 bytes; no '/', ':' or spaces)");
        }
        return tap;
    }

    private static string ValidateSocketPath(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(path) > 107)
        {
            throw new DaemonUsageException($"guest socket path '{path}' is too long for a Unix socket (at most 107 bytes)");
        }
        return path;
    }

    private static long ParseInterval(Dictionary<string, string> values, Func<string, string?> environment)
    {
        if (values.TryGetValue("--interval-us", out var us))
        {
            if (!double.TryParse(us, NumberStyles.Float, CultureInfo.InvariantCulture, out var microseconds)
                || !double.IsFinite(microseconds) || microseconds <= 0 || microseconds * 1000 > MaxIntervalNs)
            {
                throw new DaemonUsageException($"--interval-us needs a positive number of microseconds (at most {MaxIntervalNs / 1000}), not '{us}'");
            }
            long ns = (long)Math.Round(microseconds * 1000);
            return ns > 0 ? ns : throw new DaemonUsageException($"--interval-us needs at least 0.001 microseconds, not '{us}'");
        }
        var text = environment(IntervalVariable);
        if (string.IsNullOrEmpty(text))
        {
            return DefaultIntervalNs;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var fromEnvironment) || fromEnvironment <= 0 || fromEnvironment > MaxIntervalNs)
        {
            throw new DaemonUsageException($"{IntervalVariable} needs a positive whole number of nanoseconds (at most {MaxIntervalNs}), not '{text}'");
        }
        return fromEnvironment;
    }

    private static RscFault ParseFaults(List<string> values)
    {
        var faults = RscFault.None;
        foreach (var value in values)
        {
            foreach (var name in value.Split(['+', ','], StringSplitOptions.TrimEntries))
            {
                if (!RscFaults.TryParse(name, out var fault) || name.Length == 0)
                {
                    throw new DaemonUsageException($"unknown fault '{name}'; known: none, {string.Join(", ", RscFaults.Names)}");
                }
                faults |= fault;
            }
        }
        return faults;
    }

    private static int ParseMaxFlows(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var flows) || flows > RscEngineOptions.MaxCachedFlowsLimit)
        {
            throw new DaemonUsageException($"--max-flows needs a whole number from 0 to {RscEngineOptions.MaxCachedFlowsLimit}, not '{text}'");
        }
        return flows;
    }
}
