using System.Diagnostics;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;

namespace Rsc.Harness.Qemu.Tests.Live;

[TestFixture]
[Category("Live")]
[NonParallelizable]
public sealed class RobustnessTests
{
    [SetUp]
    public void RequireQemu() => QemuLive.RequireOrIgnore();

    [Test]
    public void MissingBinaryIsADeviceFailure()
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<DeviceFailureException>(() => QemuLive.StartAsync("binary=/nonexistent/qemu-system-x86_64", 10_000_000));
        TestContext.Out.WriteLine(e!.Message);
        Assert.That(e.Message, Does.Contain("/nonexistent/qemu-system-x86_64"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void BinaryThatExitsAtOnceReportsExitCodeAndStderr()
    {
        var script = Path.Combine(Path.GetTempPath(), $"fake-qemu-{Environment.ProcessId}-{Guid.NewGuid():n}.sh");
        File.WriteAllText(script, "#!/bin/sh\necho \"fake qemu refuses: $1\" >&2\nexit 3\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            var before = OwnResources();
            var clock = Stopwatch.StartNew();
            var e = Assert.ThrowsAsync<DeviceFailureException>(() => QemuLive.StartAsync($"binary={script}", 10_000_000));
            TestContext.Out.WriteLine(e!.Message);
            Assert.Multiple(() =>
            {
                Assert.That(e.Message, Does.Contain("exited with code 3"));
                Assert.That(e.Message, Does.Contain("fake qemu refuses"));
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
                Assert.That(OwnResources(), Is.EquivalentTo(before), "no TAP or socket left behind by the failed start");
            });
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Test]
    public async Task QemuDyingMidRunIsADeviceFailureWithExitCode()
    {
        await using var device = await QemuLive.StartAsync("interval-us=10000", 10_000_000);
        var plan = QemuLive.InOrder(2000, 1_000_000, payload: 100);
        int pid = device.ProcessId;
        _ = Task.Run(async () =>
        {
            await Task.Delay(300);
            using var p = Process.GetProcessById(pid);
            p.Kill();
        });
        var clock = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<DeviceFailureException>(() => device.RunAsync(plan, CancellationToken.None));
        TestContext.Out.WriteLine($"{clock.Elapsed.TotalMilliseconds:0} ms: {e!.Message}");
        // Killed with SIGKILL: its exit status says so (as for every live device's process).
        Assert.That(e.Message, Does.Contain("was killed by signal 9").Or.Contain("exited with code").Or.Contain("closed the qtest connection"));
        Assert.That(e.Message, Does.Contain("stderr"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task NothingIsLeftBehindAfterDispose()
    {
        var device = await QemuLive.StartAsync("interval-us=10000", 10_000_000);
        int pid = device.ProcessId;
        string tap = device.TapName;
        string socket = device.QtestSocketPath;
        string firmware = device.FirmwarePath;
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists($"/proc/{pid}"), Is.True);
            Assert.That(Directory.Exists($"/sys/class/net/{tap}"), Is.True);
            Assert.That(File.Exists(firmware), Is.True);
            Assert.That(File.ReadAllText($"/proc/{pid}/comm").Trim(), Is.EqualTo(Path.GetFileNameWithoutExtension(firmware)), "QEMU names its process after the run's resource name");
        });
        await device.RunAsync(QemuLive.InOrder(3, 1_000_000), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await device.DisposeAsync();
        TestContext.Out.WriteLine($"dispose took {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Multiple(() =>
        {
            Assert.That(Directory.Exists($"/proc/{pid}"), Is.False, "QEMU process still there");
            Assert.That(Directory.Exists($"/sys/class/net/{tap}"), Is.False, "TAP still there");
            Assert.That(File.Exists(socket), Is.False, "qtest socket still there");
            Assert.That(File.Exists(firmware), Is.False, "firmware image still there");
            Assert.That(LiveNames.OfThisProcess(), Is.Empty);
        });
    }

    [Test]
    public void QemuOfADeadRunIsFoundAsAnOrphan()
    {
        // A pid that just ended stands for a harness process that was killed.
        int deadOwner;
        using (var gone = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            deadOwner = gone.Id;
        }
        var name = $"rscq{deadOwner:x}-1";
        using var qemu = Process.Start(new ProcessStartInfo("qemu-system-x86_64", ["-machine", "none", "-nodefaults", "-display", "none", "-name", $"{name},process={name}"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (DateTime.UtcNow < deadline && !Host.QemuOrphans.Find().Any(o => o.Pid == qemu.Id))
            {
                Thread.Sleep(20);
            }
            Assert.That(Host.QemuOrphans.Find(), Does.Contain((qemu.Id, name)));
        }
        finally
        {
            qemu.Kill();
            qemu.WaitForExit();
        }
    }

    private static List<string> OwnResources()
    {
        var found = LiveNames.OfThisProcess().ToList();
        if (Directory.Exists(LiveNames.SocketDirectory))
        {
            found.AddRange(Directory.GetFiles(LiveNames.SocketDirectory).Where(f => LiveNames.IsOwn(Path.GetFileNameWithoutExtension(f))));
        }
        return found;
    }
}
