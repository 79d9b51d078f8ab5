using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Live;
using Rsc.Harness.Qemu.Host;

namespace Rsc.Harness.Qemu.Tests.Live;

/// <summary>Shared set-up for tests that start a real QEMU.</summary>
internal static class QemuLive
{
    /// <summary>Ignores the calling test, with the reason, when QEMU cannot run here.</summary>
    public static void RequireOrIgnore()
    {
        if (LiveEnvironment.WhyUnavailable() is { } why)
        {
            Assert.Ignore($"live QEMU tests skipped: {why}");
        }
        if (QemuVersion.Resolve(QemuVersion.DefaultBinary) is null)
        {
            Assert.Ignore("live QEMU tests skipped: qemu-system-x86_64 is not installed");
        }
    }

    public static async Task<QemuDevice> StartAsync(string? options, long intervalNs, long settleNs = DeviceConfiguration.DefaultSettleNs)
    {
        var factory = QemuDeviceFactory.Create(options is null ? "qemu" : $"qemu:{options}", options);
        var device = await factory.CreateAsync(new DeviceConfiguration(intervalNs, settleNs), CancellationToken.None);
        return (QemuDevice)device;
    }

    /// <summary>Five (or <paramref name="count"/>) in-order 1448-byte segments of one IPv4 flow.</summary>
    public static TrafficPlan InOrder(int count, long spacingNs, int payload = 1448, Action<FlowCursor>? setUp = null)
    {
        var traffic = new TrafficBuilder(spacingNs);
        var flow = traffic.FlowV4();
        setUp?.Invoke(flow);
        for (int i = 0; i < count; i++)
        {
            flow.Data(payload);
        }
        return traffic.Build();
    }

    public static string Describe(Core.Capture.DeviceCapture capture) =>
        string.Join(Environment.NewLine, capture.Guest.Select(g => $"  #{g.Index} t={g.TimeNs / 1000.0:0.0} us len={g.Frame.Length} {g.Header}"));
}
