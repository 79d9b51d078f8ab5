using Rsc.Harness.Adapters;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Tests.Cli;

/// <summary>Devices and commands bound to one OS say so in one line, exit 2, elsewhere.</summary>
public sealed class PlatformTests
{
    [TestCase("reference-tap")]
    [TestCase("exec:\"./my-device\"")]
    [TestCase("linux-gro")]
    [TestCase("qemu:interval-us=1000")]
    [TestCase("qemu-10")]
    [TestCase("dpdk-gro")]
    public void A_linux_device_on_windows_needs_linux(string spec)
    {
        var cli = new CliFixture { Host = HostPlatform.Windows, UseRegistry = true };
        var kind = spec.Split(':')[0];

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--dut", spec, "--case", "RSC-MERGE-001", "--out", "unused"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo($"rsc: device '{kind}' needs Linux (this machine runs Windows)\n"));
            Assert.That(Directory.Exists("unused"), Is.False);
        });
    }

    [Test]
    public void The_windows_device_elsewhere_needs_windows()
    {
        var cli = new CliFixture { Host = HostPlatform.Linux, UseRegistry = true };

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("run", "--dut", "windows:adapter=Ethernet 2,inject=Ethernet 3", "--case", "RSC-MERGE-001"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: device 'windows' needs Windows (this machine runs Linux)\n"));
        });
    }

    [Test]
    public void The_registry_also_checks_the_real_os_not_only_what_it_is_told()
    {
        // Told "Windows" on a machine that is not: the guard the analyzer sees still refuses.
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("this machine is Windows");
        }
        var e = Assert.Throws<ArgumentException>(() => DeviceRegistry.Create("windows:adapter=A,inject=B", HostPlatform.Windows));
        Assert.That(e!.Message, Does.StartWith("device 'windows' needs Windows"));
    }

    [TestCase("device", "--tap", "t0", "--guest-socket", "/tmp/x")]
    [TestCase("pacing", "--frames", "10")]
    public void Linux_commands_on_windows_need_linux(params string[] args)
    {
        var cli = new CliFixture { Host = HostPlatform.Windows };

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run(args), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo($"rsc {args[0]} needs Linux (this machine runs Windows)\n"));
        });
    }
}
