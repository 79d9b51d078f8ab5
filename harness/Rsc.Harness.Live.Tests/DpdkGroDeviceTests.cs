using Rsc.Harness.Adapters;
using Rsc.Harness.Adapters.DpdkGro;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Live.Exec;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// DPDK's GRO library through the external-device contract (<c>--dut dpdk-gro</c>): it answers the
/// readiness probes, coalesces in-order segments and says so in the virtio header, and leaves
/// nothing behind.
/// </summary>
[Category("Live")]
[NonParallelizable]
public sealed class DpdkGroDeviceTests
{
    private const long Interval = 10_000_000;
    private const long Spacing = 1_000_000;

    [SetUp]
    public void RequireDpdk()
    {
        LiveTest.RequireLive();
        if (DpdkGroBuild.WhyUnavailable() is { } why)
        {
            Assert.Ignore($"dpdk-gro tests skipped: {why}");
        }
    }

    [Test]
    public async Task Five_in_order_segments_come_out_as_one_frame_reporting_five_segments()
    {
        // Start returns only after the ten readiness probes came back unchanged.
        await using var device = await StartAsync();
        var plan = InOrder(5);

        var capture = await device.RunAsync(plan, CancellationToken.None);

        var frame = capture.Guest.Single();
        var payloads = plan.Frames.SelectMany(f => f.Frame.Skip(54)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(device.Info.Kind, Is.EqualTo(DpdkGroDeviceFactory.Kind));
            Assert.That(device.Info.Version, Does.Match(@"^\d+\.\d+"), "DPDK's version from the program");
            Assert.That(frame.Header.HasRscInfo, Is.True);
            Assert.That(frame.Header.RscSegments, Is.EqualTo(5));
            Assert.That(frame.Header.RscDupAcks, Is.EqualTo(0));
            Assert.That(frame.Frame, Has.Length.EqualTo(54 + (5 * 1448)));
            Assert.That(frame.Frame.Skip(54).ToArray(), Is.EqualTo(payloads), "the payloads, in order");
        });
    }

    [Test]
    public async Task A_segment_the_library_does_not_take_is_passed_through_unchanged_without_rsc_info()
    {
        await using var device = await StartAsync();
        var traffic = new TrafficBuilder(Spacing);
        traffic.FlowV6().Data(1000);
        var plan = traffic.Build();

        var capture = await device.RunAsync(plan, CancellationToken.None);

        var frame = capture.Guest.Single();
        Assert.Multiple(() =>
        {
            Assert.That(frame.Frame, Is.EqualTo(plan.Frames[0].Frame), "DPDK 22.11 has no IPv6 GRO: the frame is returned as it came");
            Assert.That(frame.Header.HasRscInfo, Is.False);
        });
    }

    [Test]
    public async Task It_stops_on_SIGTERM_and_the_run_leaves_nothing_behind()
    {
        var device = await StartAsync();
        var exec = (ExecDevice)device;
        string tap = exec.TapName;
        string socket = exec.SocketPath;
        _ = await device.RunAsync(InOrder(3), CancellationToken.None);

        // What the harness does at the end of a case: SIGTERM to the group, SIGKILL only after 2 s.
        bool killed = exec.Process.Stop();
        int? exitCode = exec.Process.ExitCode;
        // Its last stderr line (the end-of-run figures) may still be on its way to the reader.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (!exec.Process.Output.ToString().Contains("stopped:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        string stderr = exec.Process.Output.ToString();
        await device.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(killed, Is.False, "the program should stop on SIGTERM, not need SIGKILL: " + stderr);
            Assert.That(exitCode, Is.EqualTo(0), stderr);
            // The readiness probes pass through as received; the three segments make one unit.
            Assert.That(stderr, Does.Contain(
                $"stopped: {ReadinessProbe.Frames + 3} frame(s) read, {ReadinessProbe.Frames + 1} delivered (1 coalesced, {ReadinessProbe.Frames} as received)"));
            Assert.That(Directory.Exists($"/sys/class/net/{tap}"), Is.False, "TAP removed");
            Assert.That(File.Exists(socket), Is.False, "guest socket removed");
            Assert.That(LiveTest.Leftovers(), Is.Empty);
        });
    }

    private static async Task<IDeviceUnderTest> StartAsync()
    {
        var factory = DeviceRegistry.Create(DpdkGroDeviceFactory.Kind);
        return await factory.CreateAsync(new DeviceConfiguration(Interval), CancellationToken.None);
    }

    private static TrafficPlan InOrder(int count)
    {
        var traffic = new TrafficBuilder(Spacing);
        var flow = traffic.FlowV4();
        for (int i = 0; i < count; i++)
        {
            flow.Data(1448);
        }
        return traffic.Build();
    }
}
