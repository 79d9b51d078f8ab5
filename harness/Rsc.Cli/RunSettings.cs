using Rsc.Harness.Cases;
using Rsc.Harness.Running;
using Rsc.TestCases;
using Rsc.Reports;

namespace Rsc.Cli;

/// <summary>The options `run` and `repro` share: device, interval, spacing and case timeout.</summary>
public sealed record RunSettings(string DutSpec, RunOptions Options)
{
    public const string DefaultDut = "reference";

    /// <summary>The settings from a command's typed options; a null timeout keeps the runner's default.</summary>
    public static RunSettings From(string? dut, long intervalNs, long spacingNs, TimeSpan? caseTimeout, long latencyAllowanceNs)
    {
        var defaults = new RunOptions();
        return new RunSettings(dut ?? DefaultDut, new RunOptions
        {
            DrainIntervalNs = intervalNs,
            SpacingNs = spacingNs,
            CaseTimeout = caseTimeout ?? defaults.CaseTimeout,
            RealTimeLatencyAllowanceNs = latencyAllowanceNs,
        });
    }

    /// <summary>
    /// The results.json header for a run with these settings, with the hash of the catalogue the run
    /// draws its cases from, at these settings (see docs/evidence.md).
    /// </summary>
    public ResultsDocument Header(DateTimeOffset startedUtc, IReadOnlyList<string> caseFilter, IReadOnlyList<ConformanceCase> catalogue) => new()
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
        Catalogue = CatalogueHash(catalogue),
    };

    /// <summary>
    /// The catalogue's hash at these settings; null (not recorded) when a case cannot build its
    /// traffic at them: that case is then an Error of the run, not a reason to refuse it.
    /// </summary>
    public CatalogueEntry? CatalogueHash(IReadOnlyList<ConformanceCase> catalogue)
    {
        try
        {
            return CatalogueFingerprint.Compute(catalogue, Options.SpacingNs, Options.DrainIntervalNs);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Creates the output folder, turning file-system trouble into a usage error.</summary>
    public static Harness.Reporting.RunFolder OpenFolder(string path, ResultsDocument header, Harness.Reporting.RunFolderOptions? options = null)
    {
        try
        {
            return new Harness.Reporting.RunFolder(path, header, options ?? new Harness.Reporting.RunFolderOptions());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write results to '{path}': {e.Message}");
        }
    }
}
