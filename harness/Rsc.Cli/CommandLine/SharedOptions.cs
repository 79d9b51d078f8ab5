using Rsc.CommandLine;
using Rsc.Harness.Adapters;
using Rsc.Harness.Running;

namespace Rsc.Cli.CommandLine;

/// <summary>Options several commands take, declared once: name, meaning, check, default, completions.</summary>
public static class SharedOptions
{
    /// <summary>The longest drain interval a run accepts: 10 s (a case then takes minutes).</summary>
    public const long MaxIntervalNs = 10_000_000_000;

    /// <summary>The environment variable that names the default device.</summary>
    public const string DutVariable = "RSC_DUT";

    private static readonly RunOptions Defaults = new();

    public static CliOption<string?> Dut(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var option = OptionKinds.Text("--dut", "SPEC", "device under test, SPEC as below", () => env.Variable(DutVariable) ?? RunSettings.DefaultDut, RunSettings.DefaultDut);
        option.EnvironmentVariable = DutVariable;
        option.Details = DeviceRegistry.Syntax + (env.Faults.Count > 0 ? "\nfaults: " + string.Join(", ", env.Faults) : "");
        option.CompletionSources.Add(_ => DeviceRegistry.Kinds.Select(k => new System.CommandLine.Completions.CompletionItem(k)));
        return option;
    }

    public static CliOption<long> Interval(string description = "drain interval in microseconds; a case may pin its own, and a device's own interval option (qemu:interval-us=N) replaces it") =>
        OptionKinds.Microseconds("--interval-us", description, Defaults.DrainIntervalNs, new MicrosecondLimits { MaxNs = MaxIntervalNs, MaxNote = " (10 s)" });

    public static CliOption<long> Spacing(long defaultNs, string description = "gap between sent frames in microseconds; a case may pin its own") =>
        OptionKinds.Microseconds("--spacing-us", description, defaultNs, new MicrosecondLimits { ZeroMessage = "must be above 0 microseconds (frames need a gap)" });

    public static CliOption<long> Spacing() => Spacing(Defaults.SpacingNs);

    public static CliOption<TimeSpan?> CaseTimeout() =>
        OptionKinds.Seconds("--timeout-s", "time allowed for one case on the device, in seconds", Defaults.CaseTimeout);

    public static CliOption<TimeSpan?> RunTimeout() =>
        OptionKinds.Seconds("--run-timeout-s", "time allowed for the whole run, in seconds: when it runs out the run stops as after Ctrl-C, keeps what was judged and exits 1", null, "none");

    public static CliOption<long> LatencyAllowance() =>
        OptionKinds.Microseconds(
            "--latency-allowance-us",
            "real-clock devices: delay tolerated beyond the interval on top of the measured pacing lateness, in microseconds",
            RunOptions.DefaultRealTimeLatencyAllowanceNs,
            new MicrosecondLimits { ZeroAllowed = true });

    public static CliOption<IReadOnlyList<string>> Cases(CliEnvironment env, string description = "a case to run (repeatable; commas separate several)")
    {
        ArgumentNullException.ThrowIfNull(env);
        var option = OptionKinds.List("--case", "ID", description);
        option.CompletionSources.Add(_ => env.Cases.Select(c => new System.CommandLine.Completions.CompletionItem(c.Id)));
        return option;
    }

    public static CliOption<IReadOnlyList<string>> Sections(CliEnvironment env, string description = "every case of a section (repeatable)")
    {
        ArgumentNullException.ThrowIfNull(env);
        var option = OptionKinds.List("--section", "S", description);
        option.CompletionSources.Add(_ => env.Cases.Select(c => c.Section).Distinct(StringComparer.Ordinal).Select(s => new System.CommandLine.Completions.CompletionItem(s)));
        return option;
    }

    public static CliOption<string?> Out(string description, string? defaultText) =>
        OptionKinds.Text("--out", "DIR", description, defaultText: defaultText);
}
