using Rsc.Harness.Windows.Cim;
using Rsc.Harness.Windows.Rsc;
using Rsc.Harness.Windows.Tests.Support;

namespace Rsc.Harness.Windows.Tests;

/// <summary>The CIM layer read from recorded instances: state per IP version, refusals, counters, NoRestart calls.</summary>
public sealed class RecordedCimTests
{
    [Test]
    public void Reads_the_rsc_state_of_each_ip_version()
    {
        using var cim = Recordings.Load("ready-adapter.json");
        var rsc = new NetAdapterRsc(cim);

        var ready = rsc.State("ethernet 2");
        var off = rsc.State("Ethernet 3");

        Assert.Multiple(() =>
        {
            Assert.That(ready, Is.EqualTo(new AdapterRscState("Ethernet 2", "Intel(R) Ethernet Controller X550",
                new IpRscState(true, true, RscFailureReason.NoFailure), new IpRscState(true, true, RscFailureReason.NoFailure))));
            Assert.That(off!.IPv4, Is.EqualTo(new IpRscState(false, false, RscFailureReason.NicPropertyDisabled)));
            Assert.That(rsc.State("Wi-Fi"), Is.Null);
            Assert.That(RscReadiness.Refusal("Ethernet 2", ready), Is.Null);
        });
    }

    [Test]
    public void A_capture_driver_bound_to_the_adapter_is_refused_by_its_failure_reason()
    {
        using var cim = Recordings.Load("npcap-bound.json");
        var state = new NetAdapterRsc(cim).State("Ethernet 2");

        var refusal = RscReadiness.Refusal("Ethernet 2", state);

        Assert.That(refusal, Is.EqualTo("RSC is enabled but not operational for IPv4 on 'Ethernet 2': NDISCompatibility "
            + "(" + RscFailureReasons.Remedy(RscFailureReason.NDISCompatibility) + ")"));
    }

    [Test]
    public void Refusals_name_a_missing_adapter_a_disabled_version_and_a_switch_without_software_rsc()
    {
        using var cim = Recordings.Load("vswitch.json");
        var state = new NetAdapterRsc(cim).State("vEthernet (External)");
        var switchRsc = new VmSwitchRsc(cim);

        Assert.Multiple(() =>
        {
            Assert.That(RscReadiness.Refusal("Nope", null), Does.StartWith("no network adapter named 'Nope'"));
            Assert.That(RscReadiness.Refusal("x", new AdapterRscState("x", "", new IpRscState(true, true, 0), new IpRscState(false, false, RscFailureReason.NicPropertyDisabled))),
                Does.StartWith("RSC is disabled for IPv6 on 'x'"));
            Assert.That(switchRsc.SoftwareRscEnabled("External"), Is.False);
            Assert.That(switchRsc.SoftwareRscEnabled("Internal"), Is.Null);
            Assert.That(RscReadiness.Refusal("vEthernet (External)", state, "External", false),
                Is.EqualTo("software RSC is off on Hyper-V switch 'External' (Set-VMSwitch -Name 'External' -EnableSoftwareRsc $true)"));
            Assert.That(RscReadiness.Refusal("vEthernet (External)", state, "Internal", null), Does.StartWith("no Hyper-V virtual switch named 'Internal'"));
            Assert.That(RscReadiness.Refusal("vEthernet (External)", state, "External", true), Is.Null);
        });
    }

    [Test]
    public void Counters_read_before_and_after_give_the_case_s_deltas()
    {
        using var cim = Recordings.Load("ready-adapter.json");
        var rsc = new NetAdapterRsc(cim);

        var before = rsc.Counters("Ethernet 2");
        var after = rsc.Counters("Ethernet 2");
        var delta = before.DeltaTo(after);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(new RscCounters(30000, 43440000, 7000, 12)));
            Assert.That((delta.CoalescedPackets, delta.CoalescedOctets, delta.CoalesceEvents, delta.Aborts), Is.EqualTo((6L, 8688L, 2L, 1L)));
            Assert.That(() => after.DeltaTo(before), Throws.InvalidOperationException.With.Message.Contains("restarted"));
        });
    }

    [Test]
    public void Enable_and_disable_call_the_setting_s_methods_with_no_restart()
    {
        using var cim = Recordings.Load("disabled-adapter.json");
        var rsc = new NetAdapterRsc(cim);

        rsc.Enable("Ethernet 2", ipv4: true, ipv6: false);
        rsc.Disable("Ethernet 2", ipv4: false, ipv6: true);

        Assert.Multiple(() =>
        {
            Assert.That(cim.Calls.Select(c => (c.Namespace, c.ClassName, c.Method, c.InstanceName)), Is.EqualTo(new[]
            {
                ("ROOT/StandardCimv2", "MSFT_NetAdapterRscSettingData", "Enable", (string?)"Ethernet 2"),
                ("ROOT/StandardCimv2", "MSFT_NetAdapterRscSettingData", "Disable", (string?)"Ethernet 2"),
            }));
            Assert.That(cim.Calls[0].Arguments, Is.EquivalentTo(new Dictionary<string, bool> { ["IPv4"] = true, ["IPv6"] = false }));
            Assert.That(cim.Calls.Select(c => c.Options["NoRestart"]), Is.All.True);
            Assert.That(() => rsc.Enable("Wi-Fi", true, true), Throws.TypeOf<CimCallException>());
        });
    }

    [Test]
    public void A_malformed_recording_or_property_is_one_clear_error()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => RecordedCimSource.Parse("{ \"instances\": 3 }"), Throws.TypeOf<CimDataException>().With.Message.StartsWith("malformed CIM recording"));
            using var cim = RecordedCimSource.Parse("""{"instances": {"ROOT/StandardCimv2:MSFT_NetAdapterRscSettingData": [[{"Name": "E", "IPv4Enabled": "yes"}]]}}""");
            Assert.That(() => new NetAdapterRsc(cim).State("E"), Throws.TypeOf<CimDataException>()
                .With.Message.EqualTo("MSFT_NetAdapterRscSettingData.IPv4Enabled is String 'yes', not a boolean"));
        });
    }

    [Test]
    public void A_cim_session_is_windows_only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("on Windows a session opens; this checks the failure elsewhere");
        }
        Assert.That(() => Microsoft.Management.Infrastructure.CimSession.Create(null), Throws.InstanceOf<Exception>()
            .With.Matches<Exception>(e => e is DllNotFoundException || e.InnerException is DllNotFoundException || e is TypeInitializationException));
    }
}
