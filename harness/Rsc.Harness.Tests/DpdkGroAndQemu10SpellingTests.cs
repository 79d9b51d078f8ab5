using Rsc.Harness.Adapters;
using Rsc.Harness.Adapters.DpdkGro;
using Rsc.Harness.Oracle.Rules;
using Rsc.Harness.Qemu;

namespace Rsc.Harness.Tests;

[Platform("Linux")]
public sealed class DpdkGroAndQemu10SpellingTests
{
    [Test]
    public void Qemu_10_is_the_qemu_device_with_the_backports_binary()
    {
        var factory = (QemuDeviceFactory)DeviceRegistry.Create("qemu-10:interval-us=10000,mrg=on");

        Assert.Multiple(() =>
        {
            Assert.That(factory.Name, Is.EqualTo("qemu-10:interval-us=10000,mrg=on"));
            Assert.That(factory.Options.Binary, Is.EqualTo(Qemu10.DefaultBinary));
            Assert.That(factory.Options.MergeableBuffers, Is.True);
            Assert.That(factory.DrainIntervalNs, Is.EqualTo(10_000_000));
        });
    }

    [Test]
    public void Qemu_10_takes_another_binary_when_given_one()
    {
        var factory = (QemuDeviceFactory)DeviceRegistry.Create("qemu-10:binary=/somewhere/qemu");

        Assert.That(factory.Options.Binary, Is.EqualTo("/somewhere/qemu"));
    }

    [Test]
    public void Dpdk_gro_options_are_read()
    {
        var factory = (DpdkGroDeviceFactory)DeviceRegistry.Create("dpdk-gro:max-flows=8,items-per-flow=4,binary=/x/rsc-dpdk-gro");

        Assert.Multiple(() =>
        {
            Assert.That(factory.MaxFlows, Is.EqualTo(8));
            Assert.That(factory.ItemsPerFlow, Is.EqualTo(4));
            Assert.That(factory.Binary, Is.EqualTo("/x/rsc-dpdk-gro"));
            Assert.That(((Core.Devices.IDeviceFactory)factory).DrainIntervalNs, Is.Null, "the run decides the interval");
        });
    }

    [Test]
    public void A_missing_dpdk_gro_program_is_a_device_failure_not_a_crash()
    {
        var factory = DeviceRegistry.Create("dpdk-gro:binary=/nonexistent/rsc-dpdk-gro");

        var e = Assert.ThrowsAsync<Core.Devices.DeviceFailureException>(() => factory.CreateAsync(new Core.Devices.DeviceConfiguration(), CancellationToken.None));

        Assert.That(e!.Message, Does.Contain("/nonexistent/rsc-dpdk-gro"));
    }

    [TestCase("DPDK 22.11.11\n", "22.11.11")]
    [TestCase("DPDK 23.11.0-rc1", "23.11.0")]
    [TestCase("something else", "something else")]
    public void Dpdk_version_is_read_from_the_program(string output, string version) =>
        Assert.That(DpdkGroBuild.ParseVersion(output), Is.EqualTo(version));

    [Test]
    public void Every_dpdk_gro_excuse_names_a_catalogued_rule_once_and_cites_dpdk_source()
    {
        var excuses = DpdkGroCapabilities.Profile.Excuses;

        Assert.Multiple(() =>
        {
            Assert.That(excuses, Is.Not.Empty);
            Assert.That(excuses.Select(e => e.Rule), Is.Unique);
            foreach (var excuse in excuses)
            {
                Assert.That(RuleCatalog.Contains(excuse.Rule), Is.True, $"{excuse.Rule} is not in the rule catalogue");
                Assert.That(excuse.Citation, Does.Contain("lib/gro/"), $"{excuse.Rule} cites no DPDK source");
                Assert.That(excuse.Behaviour, Is.Not.Empty);
            }
        });
    }

    [TestCase("IPH.ip-checksum")]
    [TestCase("IND.checksum")]
    [TestCase("ORDER.flow")]
    [TestCase("IPH.ttl-minimum")]
    [TestCase("E.ecn-change")]
    [TestCase("VS.segment-count")]
    public void Dpdk_gro_is_held_to_integrity_order_and_header_rules(string rule) =>
        Assert.That(DpdkGroCapabilities.Profile.ExcuseFor(rule), Is.Null);
}
