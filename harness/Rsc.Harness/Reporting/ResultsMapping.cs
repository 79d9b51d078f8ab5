using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Harness.Reporting;

/// <summary>Turns a <see cref="CaseResult"/> into its results.json entry.</summary>
public static class ResultsMapping
{
    public static CaseEntry ToEntry(CaseResult result, ArtifactsEntry? artifacts)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = result.Case;
        var capture = result.Capture;
        return new CaseEntry
        {
            Id = c.Id,
            Section = c.Section,
            Title = c.Title,
            Description = c.Description,
            Level = c.Level,
            Requirement = c.Requirement,
            Source = c.Source,
            Outcome = result.Outcome,
            DurationMs = Math.Round(result.Duration.TotalMilliseconds, 3),
            IntervalUs = result.DrainIntervalNs / 1000.0,
            SpacingUs = result.SpacingNs / 1000.0,
            SentFrames = capture?.Sent.Count ?? 0,
            GuestFrames = capture?.Guest.Count ?? 0,
            CoalescedFrames = CoalescedFrames(result),
            Timing = capture?.Timing,
            ObservationEndNs = capture?.ObservationEndNs,
            Pacing = capture?.Pacing is { } p
                ? new PacingEntry(Math.Round(p.MeanGapNs, 1), p.P50GapNs, p.P99GapNs, p.MaxGapNs, p.MaxLatenessNs)
                {
                    Wire = capture.WirePacing is { } w ? new PacingEntry(Math.Round(w.MeanGapNs, 1), w.P50GapNs, w.P99GapNs, w.MaxGapNs, 0) : null,
                }
                : null,
            RealTime = capture?.Conditions is { } rt ? new RealTimeEntry(rt.HostStealNs, rt.SourceStampedGuestFrames, rt.GuestReadLagMaxNs, result.LatencyToleranceNs) : null,
            TrafficParameters = new SortedDictionary<string, string>(result.Plan?.Parameters.ToDictionary() ?? [], StringComparer.Ordinal),
            Fingerprint = result.Plan is { } plan ? Cases.CaseFingerprint.Of(c, plan, result.SpacingNs, result.DrainIntervalNs) : null,
            Statistics = capture?.Statistics is { } s ? new StatisticsEntry(s.CoalescedPackets, s.CoalescedOctets, s.CoalesceEvents, s.Aborts, s.Detail) : null,
            Error = result.Error,
            ExcusedRules = result.Judgement?.ExcusedRequirement ?? [],
            Findings = [.. result.Findings.Select(f => new FindingEntry(f.Rule, f.Severity, f.Message, f.GuestFrames, f.SentFrames) { Excuse = f.Excuse })],
            Artifacts = artifacts,
        };
    }

    /// <summary>Guest frames holding more than one sent frame, as the oracle aligned them; else as the device marked them.</summary>
    public static int CoalescedFrames(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Judgement is { } j)
        {
            return j.Alignment.Guest.Count(g => g.IsCoalesced);
        }
        return result.Capture?.Guest.Count(g => g.Header.HasRscInfo) ?? 0;
    }
}
