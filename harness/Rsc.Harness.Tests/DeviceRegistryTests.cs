using Rsc.Harness.Adapters;
using Rsc.Harness.Adapters.Reference;

namespace Rsc.Harness.Tests;

public sealed class DeviceRegistryTests
{
    [TestCase("reference")]
    [TestCase(" reference ")]
    [TestCase("Reference")]
    public void Reference_is_known(string spec)
    {
        var factory = DeviceRegistry.Create(spec);

        Assert.That(factory, Is.InstanceOf<ReferenceDeviceFactory>());
    }

    [Test]
    public void Settings_after_the_colon_configure_the_reference_device()
    {
        var factory = (ReferenceDeviceFactory)DeviceRegistry.Create("reference:max-flows=8");

        Assert.Multiple(() =>
        {
            Assert.That(factory.MaxCachedFlows, Is.EqualTo(8));
            Assert.That(factory.Faults, Is.Empty);
            Assert.That(factory.Name, Is.EqualTo("reference:max-flows=8"));
        });
    }

    // Most spellings here are Linux devices, which other systems refuse before reading their options.
    [Platform("Linux")]
    [TestCase("", "empty device spelling")]
    [TestCase("vmxnet3", "unknown device 'vmxnet3'; known devices: reference, reference-tap, exec, linux-gro, qemu, qemu-10, dpdk-gro, windows")]
    [TestCase("exec:", "exec needs a command")]
    [TestCase("exec:\"\"", "exec needs a command")]
    [TestCase("reference-tap:fault=no-such-fault", "unknown fault 'no-such-fault'")]
    [TestCase("linux-gro:x=1", "linux-gro")]
    [TestCase("qemu:mrg=maybe", "mrg")]
    [TestCase("reference:", "malformed device")]
    [TestCase("reference:fault", "is not KEY=VALUE")]
    [TestCase("reference:speed=9", "unknown setting 'speed'")]
    [TestCase("reference:max-flows=0", "max-flows must be a positive integer")]
    [TestCase("reference:fault=no-such-fault", "unknown fault 'no-such-fault'")]
    [TestCase("reference:fault=+", "empty fault name")]
    [TestCase("reference:max-flows=2,max-flows=3", "'max-flows' is given twice")]
    [TestCase("qemu:mrg=on,MRG=off", "'mrg' is given twice")]
    [TestCase("qemu-10:mrg=maybe", "mrg")]
    [TestCase("dpdk-gro:speed=9", "unknown setting 'speed'")]
    [TestCase("dpdk-gro:max-flows=0", "max-flows must be an integer from 1 to 65535")]
    [TestCase("dpdk-gro:items-per-flow=70000", "items-per-flow must be an integer from 1 to 65535")]
    public void Bad_spellings_are_rejected_with_one_line(string spec, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceRegistry.Create(spec));

        Assert.Multiple(() =>
        {
            Assert.That(e!.Message, Does.Contain(reason));
            Assert.That(e.Message, Does.Not.Contain('\n'));
        });
    }

    [Test]
    public async Task Known_faults_are_switched_on_and_recorded()
    {
        var names = ReferenceFaults.Names.Take(2).ToList();
        Assume.That(names, Has.Count.EqualTo(2), "the engine names at least two faults");

        var factory = (ReferenceDeviceFactory)DeviceRegistry.Create($"reference:fault={names[0]}+{names[1]}");
        await using var device = await factory.CreateAsync(new Core.Devices.DeviceConfiguration(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(factory.Faults, Is.EqualTo(names));
            Assert.That(device.Info.Parameters["faults"], Is.EqualTo($"{names[0]}+{names[1]}"));
        });
    }

    [Test]
    public void Fault_may_be_given_more_than_once()
    {
        var names = ReferenceFaults.Names.Take(2).ToList();
        var factory = (ReferenceDeviceFactory)DeviceRegistry.Create($"reference:fault={names[0]},fault={names[1]}");

        Assert.That(factory.Faults, Is.EqualTo(names));
    }

    [Test]
    public void Unknown_faults_say_which_faults_exist()
    {
        var e = Assert.Throws<ArgumentException>(() => ReferenceFaults.Validate("nope"));

        Assert.That(e!.Message, ReferenceFaults.Names.Count == 0 ? Does.Contain("knows no faults") : Does.Contain("known faults:"));
    }
}
