namespace Rsc.Harness.Core.Capture;

/// <summary>Gaps actually achieved between consecutive sent frames, in ns.</summary>
public sealed record PacingReport(int Frames, double MeanGapNs, long P50GapNs, long P99GapNs, long MaxGapNs, long MaxLatenessNs)
{
    public static PacingReport From(IReadOnlyList<SentFrame> sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var times = new long[sent.Count];
        long maxLate = 0;
        for (int i = 0; i < sent.Count; i++)
        {
            times[i] = sent[i].SentNs;
            maxLate = Math.Max(maxLate, sent[i].SentNs - sent[i].ScheduledNs);
        }
        return FromTimes(times) with { MaxLatenessNs = maxLate };
    }

    /// <summary>The gaps between consecutive <paramref name="timesNs"/>, wherever they were taken; no lateness.</summary>
    public static PacingReport FromTimes(IReadOnlyList<long> timesNs)
    {
        ArgumentNullException.ThrowIfNull(timesNs);
        if (timesNs.Count < 2)
        {
            return new PacingReport(timesNs.Count, 0, 0, 0, 0, 0);
        }
        var gaps = new long[timesNs.Count - 1];
        double sum = 0;
        for (int i = 1; i < timesNs.Count; i++)
        {
            gaps[i - 1] = timesNs[i] - timesNs[i - 1];
            sum += gaps[i - 1];
        }
        Array.Sort(gaps);
        return new PacingReport(timesNs.Count, sum / gaps.Length, Percentile(gaps, 0.50), Percentile(gaps, 0.99), gaps[^1], 0);
    }

    private static long Percentile(long[] sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
