namespace Rsc.Harness.Core.Capture;

/// <summary>Gaps actually achieved between consecutive sent frames, in ns.</summary>
public sealed record PacingReport(int Frames, double MeanGapNs, long P50GapNs, long P99GapNs, long MaxGapNs, long MaxLatenessNs)
{
    public static PacingReport From(IReadOnlyList<SentFrame> sent)
    {
        if (sent.Count < 2)
        {
            long late = sent.Count == 1 ? Math.Max(0, sent[0].SentNs - sent[0].ScheduledNs) : 0;
            return new PacingReport(sent.Count, 0, 0, 0, 0, late);
        }
        var gaps = new long[sent.Count - 1];
        long maxLate = 0;
        for (int i = 0; i < sent.Count; i++)
        {
            maxLate = Math.Max(maxLate, sent[i].SentNs - sent[i].ScheduledNs);
            if (i > 0)
            {
                gaps[i - 1] = sent[i].SentNs - sent[i - 1].SentNs;
            }
        }
        double mean = 0;
        foreach (var g in gaps)
        {
            mean += g;
        }
        mean /= gaps.Length;
        Array.Sort(gaps);
        return new PacingReport(sent.Count, mean, Percentile(gaps, 0.50), Percentile(gaps, 0.99), gaps[^1], maxLate);
    }

    private static long Percentile(long[] sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
