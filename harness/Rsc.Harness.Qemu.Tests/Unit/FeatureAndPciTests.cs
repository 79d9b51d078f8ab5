using Rsc.Harness.Qemu.Firmware;
using Rsc.Harness.Qemu.Pci;
using Rsc.Harness.Live;
using Rsc.Harness.Qemu.Host;
using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu.Tests.Unit;

public sealed class FeatureAndPciTests
{
    [Test]
    public void WantedFeaturesMatchTheRecipePlusCtrlRx()
    {
        // The recipe's 0x20000001000301a6 plus CTRL_RX (bit 18) for promiscuous mode.
        Assert.That(VirtioFeatures.Wanted(rscExt: true, mergeableBuffers: false), Is.EqualTo(0x20000001000301a6UL | (1UL << 18)));
        Assert.That(VirtioFeatures.Wanted(rscExt: false, mergeableBuffers: true) & (1UL << 61), Is.Zero);
        Assert.That(VirtioFeatures.Wanted(rscExt: false, mergeableBuffers: true) & (1UL << 15), Is.Not.Zero);
    }

    [Test]
    public void FeatureNames()
    {
        Assert.Multiple(() =>
        {
            Assert.That(VirtioFeatures.Name(61), Is.EqualTo("RSC_EXT"));
            Assert.That(VirtioFeatures.Name(15), Is.EqualTo("MRG_RXBUF"));
            Assert.That(VirtioFeatures.Name(4), Is.EqualTo("BIT_4"));
            Assert.That(VirtioFeatures.Describe(0), Is.EqualTo("(none)"));
            Assert.That(VirtioFeatures.Describe((1UL << 32) | (1UL << 61) | (1UL << 7)), Is.EqualTo("GUEST_TSO4|VERSION_1|RSC_EXT"));
            Assert.That(VirtioFeatures.Format(1UL << 32), Is.EqualTo("0x0000000100000000 VERSION_1"));
        });
    }

    [Test]
    public void FirmwareHaltsEverywhere()
    {
        var image = HaltFirmware.Build();
        Assert.Multiple(() =>
        {
            Assert.That(image, Has.Length.EqualTo(65536));
            Assert.That(image[0xFFF0], Is.EqualTo(0xFA));
            Assert.That(image[0xFFF1], Is.EqualTo(0xF4));
            Assert.That(image.Where((b, i) => i is not (0xFFF0 or 0xFFF1)).All(b => b == 0xF4), Is.True);
        });
    }

    [Test]
    public void FirmwareFileIsWritten()
    {
        var path = Path.Combine(Path.GetTempPath(), $"halt-{Guid.NewGuid():n}.bin");
        try
        {
            HaltFirmware.WriteTo(path);
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(HaltFirmware.Build()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void PciConfigAddress() =>
        Assert.That(PciConfigSpace.Address(0, 4, 0, 0x12), Is.EqualTo(0x8000_2010u));

    [Test]
    public void VirtioCapabilitiesAreDecoded()
    {
        byte[] notify = [0x09, 0x50, 0x14, 0x02, 0x04, 0, 0, 0, 0x00, 0x30, 0, 0, 0x00, 0x10, 0, 0, 0x04, 0, 0, 0];
        var cap = VirtioPciCapability.Parse(notify)!;
        Assert.Multiple(() =>
        {
            Assert.That(cap.Type, Is.EqualTo(VirtioPciCapabilityType.Notify));
            Assert.That(cap.Bar, Is.EqualTo(4));
            Assert.That(cap.Offset, Is.EqualTo(0x3000u));
            Assert.That(cap.Length, Is.EqualTo(0x1000u));
            Assert.That(cap.NotifyOffsetMultiplier, Is.EqualTo(4u));
        });
        byte[] msix = [0x11, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.That(VirtioPciCapability.Parse(msix), Is.Null);
    }

    [Test]
    public void CommandLineFollowsTheRecipe()
    {
        var launch = new QemuLaunch("/usr/bin/qemu-system-x86_64", "/tmp/fw.bin", "rsct1-0", "/tmp/q.sock", 300_000, GuestRscExt: true, MergeableBuffers: false);
        var args = string.Join(' ', launch.Arguments());
        Assert.That(args, Is.EqualTo(
            "-machine pc,accel=tcg -nodefaults -bios /tmp/fw.bin -no-reboot -display none -m 128M "
            + "-netdev tap,id=n0,ifname=rsct1-0,script=no,downscript=no,vnet_hdr=on "
            + "-device virtio-net-pci,netdev=n0,addr=0x4,mac=52:54:00:12:34:56,romfile=,guest_rsc_ext=on,rsc_interval=300000,mrg_rxbuf=off,rx_queue_size=1024 "
            + "-qtest unix:/tmp/q.sock -qtest-log /dev/null"));
    }

    [Test]
    public void OrphanedQemuNamesAreRecognised()
    {
        Assert.Multiple(() =>
        {
            Assert.That(QemuOrphans.IsOrphanName("rscq1a2b-3", _ => false), Is.True);
            Assert.That(QemuOrphans.IsOrphanName("rscq1a2b-3", _ => true), Is.False, "owner alive");
            Assert.That(QemuOrphans.IsOrphanName("rsct1a2b-3", _ => false), Is.False, "a TAP name, not a QEMU");
            Assert.That(QemuOrphans.IsOrphanName("qemu-system-x86", _ => false), Is.False);
            Assert.That(QemuOrphans.IsOrphanName($"rscq{Environment.ProcessId:x}-1", _ => false), Is.False, "this process's own");
        });
    }

    [Test]
    public void ProcessNameComesFirstWhenGiven()
    {
        var launch = new QemuLaunch("q", "/tmp/fw.bin", "t", "/tmp/q.sock", 1, GuestRscExt: true, MergeableBuffers: true, ProcessName: "rscq1a2b-3");
        Assert.That(launch.Arguments().Take(2), Is.EqualTo(new[] { "-name", "rscq1a2b-3,process=rscq1a2b-3" }));
        Assert.That(launch.Arguments(), Does.Contain("virtio-net-pci,netdev=n0,addr=0x4,mac=52:54:00:12:34:56,romfile=,guest_rsc_ext=on,rsc_interval=1,mrg_rxbuf=on,rx_queue_size=1024"));
    }

    [TestCase("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright", "7.2.22")]
    [TestCase("QEMU emulator version 8.1.0\n", "8.1.0")]
    [TestCase("nonsense", null)]
    public void VersionIsParsed(string output, string? expected) => Assert.That(QemuVersion.Parse(output), Is.EqualTo(expected));

    [Test]
    public void StderrTailKeepsTheLastLines()
    {
        var tail = new StderrTail(2);
        Assert.That(tail.ToString(), Is.EqualTo("(empty)"));
        tail.Add("a");
        tail.Add("b");
        tail.Add("c");
        Assert.That(tail.ToString(), Is.EqualTo("b | c"));
    }
}
