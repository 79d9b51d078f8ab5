using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Cli;

/// <summary>The options `run` and `repro` share: device, interval, spacing and case timeout.</summary>
public sealed record RunSettings(string DutSpec, RunOptions Options)
{
    public const string DefaultDut = "reference";

    public static readonly string[] ValueOptions = ["--dut", "--interval-us", "--spacing-us", "--timeout-s", "--latency-allowance-us"];

    public static RunSettings Read(ArgumentReader args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var defaults = new RunOptions();
        var options = new RunOptions
        {
            DrainIntervalNs = args.Microseconds("--interval-us", allowZero: false) ?? defaults.DrainIntervalNs,
            SpacingNs = args.Microseconds("--spacing-us", allowZero: true) ?? defaults.SpacingNs,
            CaseTimeout = args.Seconds("--timeout-s") ?? defaults.CaseTimeout,
            RealTimeLatencyAllowanceNs = args.Microseconds("--latency-allowance-us", allowZero: true) ?? defaults.RealTimeLatencyAllowanceNs,
        };
        return new RunSettings(args.Single("--dut") ?? DefaultDut, options);
    }

    /// <summary>The results.json header for a run with these settings.</summary>
    public ResultsDocument Header(DateTimeOffset startedUtc, IReadOnlyList<string> caseFilter) => new()
    {
        StartedUtc = startedUtc,
        Tool = new ToolEntry(ToolInfo.Name, ToolInfo.Version),
        Dut = DutEntry.Unknown(DutSpec),
        Settings = new SettingsEntry
        {
            SpacingUs = Options.SpacingNs / 1000.0,
            IntervalUs = Options.DrainIntervalNs / 1000.0,
            TimeoutS = Options.CaseTimeout.TotalSeconds,
            LatencyAllowanceUs = Options.RealTimeLatencyAllowanceNs / 1000.0,
            CaseFilter = caseFilter,
        },
        Environment = EnvironmentEntry.Current(),
    };

    /// <summary>Creates the output folder, turning file-system trouble into a usage error.</summary>
    public static Harness.Reporting.RunFolder OpenFolder(string path, ResultsDocument header)
    {
        try
        {
            return new Harness.Reporting.RunFolder(path, header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write results to '{path}': {e.Message}");
        }
    }
}
