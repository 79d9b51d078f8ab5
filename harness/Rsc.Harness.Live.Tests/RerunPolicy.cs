using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Running;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// How a live run over the whole catalogue treats a case that does not pass: on a shared machine a
/// stall of tens of milliseconds can break any case's timing once, so the case is run once more and
/// the rerun is reported with the finding that caused it. A case that does not pass twice in a row
/// would need a second rerun: that is a failure of its own, named (a real fault fails every time).
/// </summary>
internal static class RerunPolicy
{
    /// <summary>Fail, Error and NonStrict are not expected of the reference device; Pass and Info are.</summary>
    public static bool Passed(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome is not (Outcome.Fail or Outcome.Error or Outcome.NonStrict);
    }

    /// <param name="run">Runs one case (a <see cref="ConformanceRunner"/>, or a stand-in).</param>
    /// <param name="reported">Told of each rerun as it is decided, before the case runs again.</param>
    public static async Task<RerunReport> RunAsync(
        IEnumerable<ConformanceCase> cases,
        Func<ConformanceCase, CancellationToken, Task<CaseResult>> run,
        Action<Rerun> reported,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(reported);
        var results = new List<CaseResult>();
        var reruns = new List<Rerun>();
        var failedTwice = new List<Rerun>();
        foreach (var conformanceCase in cases)
        {
            var result = await run(conformanceCase, cancellationToken).ConfigureAwait(false);
            if (!Passed(result))
            {
                var rerun = Rerun.After(result);
                reruns.Add(rerun);
                reported(rerun);
                result = await run(conformanceCase, cancellationToken).ConfigureAwait(false);
                if (!Passed(result))
                {
                    failedTwice.Add(Rerun.After(result));
                }
            }
            results.Add(result);
        }
        return new RerunReport(results, reruns, failedTwice);
    }
}
