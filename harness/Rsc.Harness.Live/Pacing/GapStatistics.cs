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
        ArgumentNullException.ThrowIfNull(timesNs);
        if (timesNs.Count < 2)
        {
            return new GapStatistics(sender, measuredAt, requestedGapNs, timesNs.Count, 0, 0, 0, 0);
        }
        var gaps = new long[timesNs.Count - 1];
        double sum = 0;
        for (int i = 1; i < timesNs.Count; i++)
        {
            gaps[i - 1] = timesNs[i] - timesNs[i - 1];
            sum += gaps[i - 1];
        }
        Array.Sort(gaps);
        return new GapStatistics(sender, measuredAt, requestedGapNs, timesNs.Count, sum / gaps.Length, Percentile(gaps, 0.50), Percentile(gaps, 0.99), gaps[^1]);
    }

    private static long Percentile(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
