using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Qemu.Tests.Live;

[TestFixture]
[Category("Live")]
[NonParallelizable]
public sealed class CoalescingTests
{
    [SetUp]
    public void RequireQemu() => QemuLive.RequireOrIgnore();

    [Test]
    public async Task FiveInOrderSegmentsComeOutAsOneFrameWithRscInfo()
    {
        await using var device = await QemuLive.StartAsync("interval-us=10000", 10_000_000);
        TestContext.Out.WriteLine($"set-up took {device.SetupTime.TotalMilliseconds:0} ms, {device.RoundTrips} qtest round trips");
        foreach (var (key, value) in device.Info.Parameters)
        {
            TestContext.Out.WriteLine($"  {key} = {value}");
        }
        var plan = QemuLive.InOrder(5, 1_000_000);
        var capture = await device.RunAsync(plan, CancellationToken.None);
        TestContext.Out.WriteLine(QemuLive.Describe(capture));
        Assert.That(capture.Guest, Has.Count.EqualTo(1), "five in-order segments within one interval should be one guest frame");
        var header = capture.Guest[0].Header;
        Assert.Multiple(() =>
        {
            Assert.That(header.HasRscInfo, Is.True, header.ToString());
            Assert.That(header.RscSegments, Is.EqualTo(5));
            Assert.That(header.GsoType, Is.EqualTo(VirtioGsoType.TcpV4));
            Assert.That(capture.Guest[0].Frame, Has.Length.EqualTo(14 + 20 + 20 + (5 * 1448)));
        });
    }
}
