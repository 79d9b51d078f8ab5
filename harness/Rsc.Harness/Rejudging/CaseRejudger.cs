using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Harness.Rejudging;

/// <summary>
/// Judges one recorded case again with today's oracle: rebuilds the case's traffic from the
/// catalogue at the timing the run recorded, reads its capture back from the run folder and hands
/// both to the oracle with the device profile and latency tolerance the run recorded. Whatever goes
/// wrong, the answer is a <see cref="CaseResult"/> (Error with a one-line reason).
/// </summary>
public sealed class CaseRejudger(IReadOnlyList<ConformanceCase> catalogue)
{
    private readonly Dictionary<string, ConformanceCase> _cases = catalogue.ToDictionary(known => known.Id, StringComparer.Ordinal);

    public CaseResult Rejudge(string runFolder, ResultsDocument recorded, CaseEntry entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(entry);
        long interval = Nanoseconds(entry.IntervalUs);
        long spacing = Nanoseconds(entry.SpacingUs);
        long tolerance = entry.RealTime?.LatencyToleranceNs ?? 0;
        var timing = entry.Timing ?? recorded.Dut.Timing ?? TimingMode.Virtual;
        var capabilities = recorded.Dut.Capabilities ?? DeviceCapabilities.Full;
        var device = new DeviceInfo(recorded.Dut.Name, recorded.Dut.Kind ?? "", recorded.Dut.Version ?? "", recorded.Dut.Timing ?? timing, capabilities, recorded.Dut.Parameters);
        bool known = _cases.TryGetValue(entry.Id, out var conformanceCase);
        conformanceCase ??= StandIn(entry);
        var result = new CaseResult(conformanceCase, Outcome.Error, [], TimeSpan.FromMilliseconds(entry.DurationMs), interval, spacing, null, null, null, device, null)
        {
            LatencyToleranceNs = tolerance,
        };
        if (!known)
        {
            return result with { Error = $"case {entry.Id} is not in this catalogue; its capture cannot be re-judged" };
        }

        CaseTraffic traffic;
        try
        {
            traffic = conformanceCase.Build(new CaseContext(spacing, interval));
        }
        catch (Exception e)
        {
            return result with { Error = $"case definition broke: {OneLine(e)}" };
        }
        result = result with { Plan = traffic.Plan };

        DeviceCapture capture;
        try
        {
            capture = RecordedCapture.Read(runFolder, entry, timing, traffic.Plan);
        }
        catch (RecordedRunException e)
        {
            // A run that broke before it captured anything has nothing to judge: its error stands.
            return result with { Error = entry.Error ?? $"capture not readable: {e.Message}" };
        }
        result = result with { Capture = capture };
        if (entry.Outcome == Outcome.Error || entry.Error is not null)
        {
            // The run itself broke (e.g. the device would not shut down): its capture is kept, not trusted.
            return result with { Error = entry.Error ?? "recorded as Error" };
        }

        Judgement judgement;
        try
        {
            var settings = CaseVerdict.Settings(interval, tolerance, capabilities, capture.Timing);
            judgement = new RscOracle(settings).Judge(traffic.Plan, capture, traffic.Expectations, conformanceCase.Level, conformanceCase.Rules);
        }
        catch (Exception e)
        {
            return result with { Error = $"oracle failed: {e.GetType().Name}: {OneLine(e)}" };
        }
        return result with { Outcome = CaseVerdict.OutcomeOf(conformanceCase, judgement), Findings = judgement.Findings, Judgement = judgement };
    }

    /// <summary>results.json records microseconds as a double; the run's values were whole nanoseconds.</summary>
    private static long Nanoseconds(double microseconds) => (long)Math.Round(microseconds * 1000.0);

    /// <summary>A case the catalogue no longer has, as the run recorded it (it only carries the Error).</summary>
    private static ConformanceCase StandIn(CaseEntry entry) => new()
    {
        Id = entry.Id,
        Section = entry.Section,
        Title = entry.Title,
        Description = entry.Title,
        Level = entry.Level,
        Requirement = entry.Requirement,
        Source = entry.Source,
        Build = _ => throw new InvalidOperationException($"case {entry.Id} is not in this catalogue"),
    };

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}
