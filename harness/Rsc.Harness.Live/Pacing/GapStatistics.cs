namespace Rsc.Harness.Live.Pacing;

/// <summary>Gaps achieved between consecutive frames, as one tool measured at one point.</summary>
/// <param name="Sender">Who paced the frames ("rsc" or "trafgen").</param>
/// <param name="MeasuredAt">Where the times were taken ("sender": when send() returned; "tap": when the device side read the frame).</param>
public sealed record GapStatistics(string Sender, string MeasuredAt, long RequestedGapNs, int Frames, double MeanNs, long P50Ns, long P99Ns, long MaxNs)
{
    /// <summary>Mean gap's deviation from the requested gap, in percent.</summary>
    public double MeanErrorPercent => RequestedGapNs == 0 ? 0 : (MeanNs - RequestedGapNs) * 100.0 / RequestedGapNs;

    public static GapStatistics From(string sender, string measuredAt, long requestedGapNs, IReadOnlyList<long> timesNs)
    {
        var gaps = Core.Capture.PacingReport.FromTimes(timesNs);
        return new GapStatistics(sender, measuredAt, requestedGapNs, gaps.Frames, gaps.MeanGapNs, gaps.P50GapNs, gaps.P99GapNs, gaps.MaxGapNs);
    }
}
