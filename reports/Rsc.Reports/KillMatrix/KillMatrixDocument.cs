using Rsc.Harness.Core;

namespace Rsc.Reports.KillMatrix;

/// <summary>
/// kill-matrix.json: every selected case run against the fault-free reference device and against
/// the device with each named fault, so it shows which cases catch which fault.
/// </summary>
public sealed record KillMatrixDocument
{
    public const string CurrentSchema = "rsc-kill-matrix/1";

    public string Schema { get; init; } = CurrentSchema;

    public DateTimeOffset? StartedUtc { get; init; }

    public ToolEntry? Tool { get; init; }

    public KillMatrixSettings? Settings { get; init; }

    /// <summary>Case ids in catalogue order; every device's outcomes cover exactly these.</summary>
    public required IReadOnlyList<string> Cases { get; init; }

    /// <summary>The fault-free device first, then one per fault.</summary>
    public required IReadOnlyList<KillMatrixDevice> Devices { get; init; }

    public required KillMatrixSummary Summary { get; init; }
}

/// <summary>Run-wide timing the matrix was measured with (a case may pin its own).</summary>
public sealed record KillMatrixSettings(double IntervalUs, double SpacingUs);

/// <summary>One device configuration: its outcome for every case.</summary>
public sealed record KillMatrixDevice
{
    /// <summary>The --dut spelling, e.g. "reference" or "reference:fault=ttl-from-last".</summary>
    public required string Dut { get; init; }

    /// <summary>The fault switched on; null for the fault-free device.</summary>
    public string? Fault { get; init; }

    /// <summary>Case id to outcome, in the document's case order.</summary>
    public required IReadOnlyDictionary<string, Outcome> Outcomes { get; init; }

    /// <summary>Some case caught this device: <see cref="KillingCases"/> is not empty (for the fault-free device that is a problem, not a success).</summary>
    public bool Caught { get; init; }

    /// <summary>
    /// The cases that caught this device, in case order: those that failed on it but not on the fault-free
    /// device (a case failing everywhere tells no fault apart). For the fault-free device, its failures.
    /// </summary>
    public required IReadOnlyList<string> KillingCases { get; init; }

    /// <summary>What decided each non-passing verdict (the error or the first decisive finding), by case id.</summary>
    public IReadOnlyDictionary<string, string>? Notes { get; init; }

    public double DurationMs { get; init; }

    public int Count(Outcome outcome) => Outcomes.Values.Count(o => o == outcome);
}

/// <summary>The verdict of the whole matrix.</summary>
public sealed record KillMatrixSummary
{
    /// <summary>How many faults were run.</summary>
    public int Faults { get; init; }

    /// <summary>How many of them some case caught.</summary>
    public int Caught { get; init; }

    /// <summary>Faults no case caught, in run order.</summary>
    public required IReadOnlyList<string> Escaped { get; init; }

    /// <summary>The fault-free device had every case Pass or Info.</summary>
    public bool BaselineClean { get; init; }

    /// <summary>Cases the fault-free device did not pass (NonStrict, Fail or Error).</summary>
    public IReadOnlyList<string> BaselineFailures { get; init; } = [];

    /// <summary>Builds the summary for <paramref name="devices"/>: the one with no fault is the baseline.</summary>
    public static KillMatrixSummary For(IReadOnlyList<KillMatrixDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var faults = devices.Where(d => d.Fault is not null).ToList();
        var baselineFailures = devices
            .Where(d => d.Fault is null)
            .SelectMany(d => d.Outcomes.Where(kv => !IsClean(kv.Value)).Select(kv => kv.Key))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new KillMatrixSummary
        {
            Faults = faults.Count,
            Caught = faults.Count(d => d.Caught),
            Escaped = [.. faults.Where(d => !d.Caught).Select(d => d.Fault!)],
            BaselineClean = baselineFailures.Count == 0,
            BaselineFailures = baselineFailures,
        };
    }

    /// <summary>What the fault-free device may answer: Pass, or Info for informational or inapplicable cases.</summary>
    public static bool IsClean(Outcome outcome) => outcome is Outcome.Pass or Outcome.Info;
}
