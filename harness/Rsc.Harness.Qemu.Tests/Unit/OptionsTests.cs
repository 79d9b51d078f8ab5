using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle.Rules;
using Rsc.Harness.Oracle;
using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu.Tests.Unit;

public sealed class OptionsTests
{
    [Test]
    public void DefaultsFollowTheRun()
    {
        var o = QemuDeviceOptions.Parse(null);
        Assert.Multiple(() =>
        {
            Assert.That(o.DrainIntervalNs, Is.Null);
            Assert.That(o.MergeableBuffers, Is.False);
            Assert.That(o.RscExt, Is.True);
            Assert.That(o.Binary, Is.EqualTo("qemu-system-x86_64"));
            Assert.That(o.DriverSettings, Is.EqualTo(new VirtioNetDriverSettings(true, false, 1024, 65792)));
        });
    }

    [Test]
    public void EverySettingIsRead()
    {
        var o = QemuDeviceOptions.Parse("interval-us=10000, mrg=on,rsc-ext=off,binary=/opt/q,rx-buffers=64,buffer-size=2048");
        Assert.Multiple(() =>
        {
            Assert.That(o.DrainIntervalNs, Is.EqualTo(10_000_000));
            Assert.That(o.MergeableBuffers, Is.True);
            Assert.That(o.RscExt, Is.False);
            Assert.That(o.Binary, Is.EqualTo("/opt/q"));
            Assert.That(o.DriverSettings, Is.EqualTo(new VirtioNetDriverSettings(false, true, 64, 2048)));
        });
    }

    [Test]
    public void MergeableDefaultsToSmallBuffers() =>
        Assert.That(QemuDeviceOptions.Parse("mrg=on").DriverSettings, Is.EqualTo(new VirtioNetDriverSettings(true, true, 1024, 1526)));

    [TestCase("interval-us", "is not KEY=VALUE")]
    [TestCase("interval-us=", "is not KEY=VALUE")]
    [TestCase("interval-us=0", "interval-us must be an integer")]
    [TestCase("interval-us=-5", "interval-us must be an integer")]
    [TestCase("interval-us=ten", "interval-us must be an integer")]
    [TestCase("mrg=maybe", "mrg must be on or off")]
    [TestCase("colour=blue", "unknown qemu option 'colour'")]
    [TestCase("mrg=on,mrg=off", "given twice")]
    [TestCase("buffer-size=1526", "needs mrg=on")]
    [TestCase("mrg=on,buffer-size=10", "too small")]
    public void BadOptionsAreOneLineArgumentExceptions(string options, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => QemuDeviceFactory.Create($"qemu:{options}", options));
        Assert.That(e!.Message, Does.Contain(reason));
        Assert.That(e.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void FactoryExposesTheIntervalAndName()
    {
        var f = QemuDeviceFactory.Create("qemu:interval-us=250", "interval-us=250");
        Assert.Multiple(() =>
        {
            Assert.That(f.Name, Is.EqualTo("qemu:interval-us=250"));
            Assert.That(f.DrainIntervalNs, Is.EqualTo(250_000));
            Assert.That(QemuDeviceFactory.Create("qemu", null).DrainIntervalNs, Is.Null);
        });
    }

    [Test]
    public void CapabilityProfileIsQemus()
    {
        var c = QemuCapabilities.For(rscInfoNegotiated: true);
        var without = QemuCapabilities.For(rscInfoNegotiated: false);
        Assert.Multiple(() =>
        {
            Assert.That(c.Excuses.Select(e => e.Rule), Is.EquivalentTo(new[]
            {
                BehaviourRules.DupAckCoalesced, BehaviourRules.TimestampCoalescing, ExpectationRules.Statistics,
            }));
            Assert.That(c.ExcuseFor(BehaviourRules.DupAckCoalesced)!.Citation, Does.Contain("virtio_net_rsc_handle_ack"));
            Assert.That(c.ExcuseFor(OracleRules.RscInfo), Is.Null, "with RSC_EXT QEMU must mark coalesced frames");
            Assert.That(without.ExcuseFor(OracleRules.RscInfo), Is.Not.Null);
            Assert.That(without.ExcuseFor(ExpectationRules.RscCounts), Is.Not.Null);
            Assert.That(c.ExcuseFor(OracleRules.Latency), Is.Null, "QEMU has a drain timer");
            Assert.That(c, Is.Not.EqualTo(DeviceCapabilities.Full));
        });
    }
}
