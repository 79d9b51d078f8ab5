using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;
using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu.Tests.Live;

/// <summary>
/// The virtio-level behaviour the QEMU 7.2 tests check, on the QEMU 10 that <c>--dut qemu-10</c>
/// runs (Debian bookworm-backports, unpacked in /opt/rsc/qemu-10 by .ci/run).
/// </summary>
[TestFixture]
[Category("Live")]
[NonParallelizable]
public sealed class Qemu10VirtioTests
{
    private const long Interval = 10_000_000;
    private const long Spacing = 1_000_000;

    [SetUp]
    public void RequireQemu10()
    {
        if (LiveEnvironment.WhyUnavailable() is { } why)
        {
            Assert.Ignore($"live QEMU 10 tests skipped: {why}");
        }
        if (Qemu10.WhyUnavailable() is { } missing)
        {
            Assert.Ignore($"live QEMU 10 tests skipped: {missing}");
        }
    }

    [Test]
    public async Task With_RSC_EXT_five_in_order_segments_come_out_as_one_frame_with_RSC_INFO()
    {
        await using var device = await StartAsync("interval-us=10000");
        var capture = await device.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        TestContext.Out.WriteLine(QemuLive.Describe(capture));

        Assert.Multiple(() =>
        {
            Assert.That(device.Info.Version, Does.StartWith("10."), "the QEMU 10 binary, as results record it");
            Assert.That(VirtioFeatures.Has(device.NegotiatedFeatures, VirtioFeatures.RscExt), Is.True);
            Assert.That(capture.Guest, Has.Count.EqualTo(1), "one coalesced frame");
            Assert.That(capture.Guest[0].Header.HasRscInfo, Is.True);
            Assert.That(capture.Guest[0].Header.RscSegments, Is.EqualTo(5));
            Assert.That(capture.Guest[0].Frame, Has.Length.EqualTo(14 + 20 + 20 + (5 * 1448)));
        });
    }

    [Test]
    public async Task Without_RSC_EXT_negotiated_nothing_is_coalesced_and_no_frame_carries_RSC_INFO()
    {
        await using var device = await StartAsync("interval-us=10000,rsc-ext=off");
        var capture = await device.RunAsync(QemuLive.InOrder(5, Spacing), CancellationToken.None);
        TestContext.Out.WriteLine(QemuLive.Describe(capture));

        Assert.Multiple(() =>
        {
            Assert.That(device.Info.Version, Does.StartWith("10."));
            Assert.That(VirtioFeatures.Has(device.OfferedFeatures, VirtioFeatures.RscExt), Is.True, "QEMU 10 should offer RSC_EXT (guest_rsc_ext=on)");
            Assert.That(VirtioFeatures.Has(device.NegotiatedFeatures, VirtioFeatures.RscExt), Is.False);
            Assert.That(capture.Guest, Has.Count.EqualTo(5));
            Assert.That(capture.Guest.Where(g => g.Header.HasRscInfo), Is.Empty);
        });
    }

    private static async Task<QemuDevice> StartAsync(string options)
    {
        var factory = Qemu10.Create($"{Qemu10.Kind}:{options}", options);
        return (QemuDevice)await factory.CreateAsync(new DeviceConfiguration(Interval), CancellationToken.None);
    }
}
