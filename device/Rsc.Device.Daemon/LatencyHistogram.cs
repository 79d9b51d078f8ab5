using System.Diagnostics;
using System.Globalization;

namespace Rsc.Device.Daemon;

/// <summary>
/// A fixed-size histogram of delays (1 us buckets up to 10 ms, then one overflow bucket), recorded
/// without allocation by one thread; read it once that thread is done, or accept a torn snapshot.
/// </summary>
public sealed class LatencyHistogram
{
    private const int BucketCount = 10_000;

    private readonly long[] _buckets = new long[BucketCount + 1];
    private long _sumNs;

    public long Count { get; private set; }

    public long MaxNs { get; private set; }

    public double MeanNs => Count == 0 ? 0 : (double)_sumNs / Count;

    /// <summary>Records a delay given in Stopwatch ticks; negative delays (early) count as zero.</summary>
    public void Record(long ticks)
    {
        long ns = ticks <= 0 ? 0 : StopwatchTicks.ToNanoseconds(ticks);
        long bucket = ns / 1000;
        _buckets[bucket >= BucketCount ? BucketCount : bucket]++;
        _sumNs += ns;
        Count++;
        if (ns > MaxNs)
        {
            MaxNs = ns;
        }
    }

    /// <summary>
    /// The delay, in ns, that <paramref name="percentile"/> % of the recorded delays do not exceed,
    /// to the 1 us bucket (upper edge); <see cref="MaxNs"/> past the last bucket; 0 when empty.
    /// </summary>
    public long PercentileNs(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0)
        {
            return 0;
        }
        long rank = Math.Max(1, (long)Math.Ceiling(Count * percentile / 100));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return Math.Min((i + 1) * 1000L, MaxNs);
            }
        }
        return MaxNs;
    }

    /// <summary>"n=.. p50=..us p99=..us max=..us", or "n=0".</summary>
    public string Summary() => Count == 0
        ? "n=0"
        : string.Create(CultureInfo.InvariantCulture, $"n={Count} p50={PercentileNs(50) / 1000.0:0.#}us p99={PercentileNs(99) / 1000.0:0.#}us max={MaxNs / 1000.0:0.#}us");
}
