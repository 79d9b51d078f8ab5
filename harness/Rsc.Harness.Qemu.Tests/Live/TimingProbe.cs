namespace Rsc.Harness.Qemu.Tests.Live;

/// <summary>Prints when QEMU delivers a burst for several intervals (an observation, not an assertion).</summary>
[TestFixture]
[Category("Live")]
[Explicit("an observation for reports")]
[NonParallelizable]
public sealed class TimingProbe
{
    [TestCase(300_000, 100_000)]
    [TestCase(1_000_000, 100_000)]
    [TestCase(5_000_000, 1_000_000)]
    [TestCase(10_000_000, 1_000_000)]
    public async Task BurstDeliveryTimes(long interval, long spacing)
    {
        QemuLive.RequireOrIgnore();
        await using var device = await QemuLive.StartAsync(null, interval);
        for (int run = 0; run < 3; run++)
        {
            var capture = await device.RunAsync(QemuLive.InOrder(5, spacing), CancellationToken.None);
            var sent = string.Join(", ", capture.Sent.Select(s => (s.SentNs / 1000.0).ToString("0", System.Globalization.CultureInfo.InvariantCulture)));
            TestContext.Out.WriteLine($"interval {interval / 1000} us spacing {spacing / 1000} us run {run}: sent at [{sent}] us");
            TestContext.Out.WriteLine(QemuLive.Describe(capture));
        }
        TestContext.Out.WriteLine($"qtest round trips: {device.RoundTrips}");
    }

    [Test]
    public async Task IdlePollRoundTrip()
    {
        QemuLive.RequireOrIgnore();
        await using var device = await QemuLive.StartAsync(null, 300_000);
        var gaps = new List<double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long before = device.RoundTrips;
        while (clock.ElapsedMilliseconds < 500)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            device.Drain(0);
            gaps.Add(System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalMicroseconds);
        }
        gaps.Sort();
        TestContext.Out.WriteLine(System.FormattableString.Invariant(
            $"idle rx poll (one qtest round trip): {gaps.Count} polls, p50 {gaps[gaps.Count / 2]:0} us, p99 {gaps[(int)(gaps.Count * 0.99)]:0} us, max {gaps[^1]:0} us; {device.RoundTrips - before} round trips"));
    }
}
