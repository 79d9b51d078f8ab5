using Rsc.CommandLine;

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
        var declaration = new DaemonCommandLine(environment);
        var parse = declaration.Command().Parse(args, CommandLineParsing.Configuration);
        if (UsageProblems.First(parse) is { } problem)
        {
            throw new DaemonUsageException(DaemonCommandLine.Describe(problem));
        }
        return declaration.Bind(parse);
    }
}
