using System.Diagnostics;

namespace Rsc.Device.Daemon.Tests;

[TestFixture]
public sealed class LatencyHistogramTests
{
    private static long Us(double us) => (long)(us * Stopwatch.Frequency / 1_000_000);

    [Test]
    public void Percentiles_are_upper_bucket_edges_and_max_is_exact()
    {
        var h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++)
        {
            h.Record(Us(i - 0.5));
        }
        Assert.Multiple(() =>
        {
            Assert.That(h.Count, Is.EqualTo(100));
            Assert.That(h.PercentileNs(50), Is.EqualTo(50_000));
            Assert.That(h.PercentileNs(99), Is.EqualTo(99_000));
            Assert.That(h.MaxNs, Is.EqualTo(99_500).Within(1));
            Assert.That(h.PercentileNs(100), Is.EqualTo(99_500).Within(1));
        });
    }

    [Test]
    public void Early_counts_as_zero_and_huge_delays_land_in_the_overflow_bucket()
    {
        var h = new LatencyHistogram();
        h.Record(-Us(3));
        h.Record(Us(50_000));
        Assert.Multiple(() =>
        {
            Assert.That(h.PercentileNs(50), Is.EqualTo(1000), "the first 1 us bucket, upper edge");
            Assert.That(h.PercentileNs(100), Is.EqualTo(50_000_000).Within(1));
            Assert.That(h.Summary(), Does.StartWith("n=2 "));
            Assert.That(new LatencyHistogram().Summary(), Is.EqualTo("n=0"));
        });
    }
}
