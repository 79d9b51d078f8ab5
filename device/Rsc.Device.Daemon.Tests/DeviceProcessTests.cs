using System.Diagnostics;
using System.Runtime.InteropServices;
using Rsc.Device.Daemon.Tests.Support;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Device.Daemon.Tests;

/// <summary>`dotnet rsc.dll device` as a child process, the way scripts run it.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DeviceProcessTests
{
    private const int SIGTERM = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [Test]
    [Category("Live")]
    public void SIGTERM_flushes_held_data_and_exits_0_with_settings_from_the_environment()
    {
        using var rig = LiveRig.Create();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "rsc.dll"));
        start.ArgumentList.Add("device");
        start.Environment["RSC_TAP"] = rig.Tap.Name;
        start.Environment["RSC_GUEST_SOCKET"] = rig.Guest.Path;
        start.Environment["RSC_INTERVAL_NS"] = "600000000000"; // 10 minutes: only the stop can deliver
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        try
        {
            rig.AcceptDaemon();
            var traffic = new TrafficBuilder();
            var flow = traffic.FlowV4();
            for (int i = 0; i < 4; i++)
            {
                flow.Data(800);
            }
            foreach (var frame in traffic.Build().Frames)
            {
                rig.Inject(frame.Frame);
            }
            Assert.That(rig.Guest.ReceiveTcp(flow.Spec, TimeSpan.FromMilliseconds(300)), Is.Null, "delivered before SIGTERM");

            Assert.That(Kill(process.Id, SIGTERM), Is.Zero);
            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(20)), Is.True, "still running 20 s after SIGTERM");
            var message = rig.Guest.ReceiveTcp(flow.Spec, TimeSpan.FromSeconds(5));
            var log = stderr.Result;
            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.Zero, () => $"stderr: {log}");
                Assert.That(message, Is.Not.Null, () => $"nothing flushed; stderr: {log}");
                Assert.That(message?.Header.RscSegments, Is.EqualTo(4), () => $"header {message?.Header}");
                Assert.That(message?.Packet.PayloadLength, Is.EqualTo(3200));
                Assert.That(log, Does.StartWith($"rsc device: tap {rig.Tap.Name} (vnet header 12), guest socket {rig.Guest.Path}, interval 600000000 us, faults none"));
                Assert.That(log, Does.Contain("rsc device: stopped: 4 frame(s) from the tap, 1 delivered"));
                Assert.That(stdout.Result, Is.Empty);
            });
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }
        }
    }

    /// <summary>Needs no TAP: the child process fails before it looks for one.</summary>
    [Test]
    public void Bad_options_exit_2_with_one_line()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "rsc.dll"));
        foreach (var arg in (string[])["device", "--tap", "x", "--guest-socket", "/tmp/none.sock", "--fault", "nope"])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("RSC_TAP");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(2));
            Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(stderr, Does.StartWith("rsc device: unknown fault 'nope'; known: none, psh-from-last"));
        });
    }
}
