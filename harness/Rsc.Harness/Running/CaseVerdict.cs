using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;

namespace Rsc.Harness.Running;

/// <summary>
/// How a captured case becomes a verdict, the same for a run and for re-judging a recorded one:
/// the oracle's settings from the run's timing and the device's profile, and the case's outcome
/// from the oracle's judgement.
/// </summary>
public static class CaseVerdict
{
    public static OracleSettings Settings(long drainIntervalNs, long latencyToleranceNs, DeviceCapabilities capabilities, TimingMode timing)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return new OracleSettings
        {
            DrainIntervalNs = drainIntervalNs,
            LatencyToleranceNs = latencyToleranceNs,
            Capabilities = capabilities,
            Timing = timing,
        };
    }

    /// <summary>
    /// The judgement's outcome, made Info for an informational case that did not fail, and for a case
    /// whose own requirement broke in a way the device's profile excuses (or could not be observed)
    /// when nothing else broke.
    /// </summary>
    public static Outcome OutcomeOf(ConformanceCase conformanceCase, Judgement judgement)
    {
        ArgumentNullException.ThrowIfNull(conformanceCase);
        ArgumentNullException.ThrowIfNull(judgement);
        var outcome = judgement.Outcome;
        if (conformanceCase.Level == RequirementLevel.Info && outcome is Outcome.Pass or Outcome.NonStrict)
        {
            return Outcome.Info;
        }
        if (outcome == Outcome.Pass && judgement.ExcusedRequirement.Count > 0)
        {
            return Outcome.Info;
        }
        if (outcome == Outcome.Pass && judgement.UnobservedRequirement.Count > 0)
        {
            // Part of the case's own requirement could not be observed: nothing says it was met.
            return Outcome.Info;
        }
        return outcome;
    }
}
