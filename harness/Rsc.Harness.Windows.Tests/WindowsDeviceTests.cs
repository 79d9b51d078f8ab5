using Microsoft.Extensions.Time.Testing;
using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;
using Rsc.Harness.Windows.Device;
using Rsc.Harness.Windows.Tests.Support;
using Rsc.TestCases;

namespace Rsc.Harness.Windows.Tests;

/// <summary>
/// --dut windows end to end on recorded CIM instances: the readiness check before the case, the
/// counters before and after, the statistics verdicts, and everything else listed as not observed.
/// </summary>
public sealed class WindowsDeviceTests
{
    private static WindowsDeviceFactory Factory(string recording, FakeTimeProvider clock, CollectingInjector? injector = null, string options = "adapter=Ethernet 2,inject=Ethernet 9") =>
        new("windows:" + options, WindowsDeviceOptions.Parse("windows:" + options, options), () => Recordings.Load(recording),
            _ => injector ?? new CollectingInjector(), new OnTimeSender(), clock);

    private static async Task<CaseResult> RunAsync(WindowsDeviceFactory factory, FakeTimeProvider clock, string caseId)
    {
        var runner = new ConformanceRunner(factory, new RunOptions(), clock);
        var running = runner.RunAsync(Catalogue.All.Single(c => c.Id == caseId), CancellationToken.None);
        // The device waits out the drain interval and the settle time on the fake clock.
        while (!running.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Delay(1);
        }
        return await running;
    }

    [Test]
    public async Task Counters_that_break_a_must_fail_the_case_and_frame_rules_are_not_observed()
    {
        var clock = new FakeTimeProvider();
        var injector = new CollectingInjector();
        var result = await RunAsync(Factory("ready-adapter.json", clock, injector), clock, "RSC-STAT-001");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.Null);
            // Recorded deltas: 6 packets, 8688 bytes, 2 events, 1 exception; the case's MUST is Aborts 0.
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Fail));
            Assert.That(result.Findings.Single(f => f.Severity == Severity.Fail).Message, Is.EqualTo("Aborts expected 0, observed 1"));
            Assert.That(result.Findings.Where(f => f.Rule == OracleRules.NotObserved).Select(f => f.Message),
                Has.Some.StartsWith("R.merged-together not observed"));
            Assert.That(result.Capture!.GuestObserved, Is.False);
            Assert.That(result.Capture.Notes, Does.Contain(WindowsRscDevice.CountersOnlyNote));
            Assert.That(injector.Frames, Has.Count.EqualTo(result.Plan!.Frames.Count));
            Assert.That(injector.Disposed, Is.True);
            Assert.That(result.Device!.Parameters["judged-from"], Is.EqualTo("counters only"));
        });
    }

    [Test]
    public async Task A_case_whose_counters_are_met_is_info_not_pass_when_its_frames_were_not_seen()
    {
        var clock = new FakeTimeProvider();
        var result = await RunAsync(Factory("ready-adapter.json", clock), clock, "RSC-STAT-011");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.Null);
            Assert.That(result.Findings.Where(f => f.Severity is Severity.Fail or Severity.NonStrict), Is.Empty);
            Assert.That(result.Judgement!.UnobservedRequirement, Does.Contain("R.merged-together"));
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Info));
        });
    }

    [Test]
    public async Task A_capture_driver_on_the_adapter_makes_every_case_an_error_naming_the_reason()
    {
        var clock = new FakeTimeProvider();
        var injector = new CollectingInjector();
        var result = await RunAsync(Factory("npcap-bound.json", clock, injector), clock, "RSC-STAT-001");

        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(Outcome.Error));
            Assert.That(result.Error, Does.Contain("not operational for IPv4 on 'Ethernet 2': NDISCompatibility"));
            Assert.That(injector.Frames, Is.Empty, "nothing is sent to an adapter that is refused");
        });
    }

    [Test]
    public async Task Enable_on_switches_rsc_on_with_no_restart_before_judging()
    {
        var clock = new FakeTimeProvider();
        var cim = Recordings.Load("disabled-adapter.json");
        var factory = new WindowsDeviceFactory("windows", WindowsDeviceOptions.Parse("windows", "adapter=Ethernet 2,inject=Ethernet 9,enable=on"),
            () => cim, _ => new CollectingInjector(), new OnTimeSender(), clock);

        var result = await RunAsync(factory, clock, "RSC-STAT-011");

        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Is.Null);
            Assert.That(cim.Calls.Single().Method, Is.EqualTo("Enable"));
            Assert.That(cim.Calls.Single().Options["NoRestart"], Is.True);
        });
    }

    [Test]
    public async Task A_switch_without_software_rsc_is_refused()
    {
        var clock = new FakeTimeProvider();
        var result = await RunAsync(Factory("vswitch.json", clock, options: "adapter=vEthernet (External),switch=External,inject=Ethernet 9"), clock, "RSC-STAT-001");

        Assert.That(result.Error, Does.Contain("software RSC is off on Hyper-V switch 'External'"));
    }

    [Test]
    public async Task The_destination_mac_is_rewritten_on_the_wire_only()
    {
        var clock = new FakeTimeProvider();
        var injector = new CollectingInjector();
        var result = await RunAsync(Factory("ready-adapter.json", clock, injector, "adapter=Ethernet 2,inject=Ethernet 9,mac=00-15-5D-01-02-03"), clock, "RSC-STAT-011");

        Assert.Multiple(() =>
        {
            Assert.That(injector.Frames.Select(f => f[..6]), Is.All.EqualTo(new byte[] { 0x00, 0x15, 0x5D, 0x01, 0x02, 0x03 }));
            Assert.That(result.Capture!.Sent.Select(s => s.Frame), Is.EqualTo(result.Plan!.Frames.Select(f => f.Frame)));
        });
    }

    [TestCase("adapter=A", "inject=ADAPTER is needed")]
    [TestCase("inject=B", "adapter=NAME is needed")]
    [TestCase("adapter=A,inject=a", "inject must be another adapter than 'A'")]
    [TestCase("adapter=A,inject=B,enable=maybe", "enable takes on or off")]
    [TestCase("adapter=A,inject=B,mac=00-11", "mac must be six hex bytes")]
    [TestCase("adapter=A,inject=B,colour=blue", "unknown setting 'colour'")]
    public void Malformed_spellings_are_one_line(string options, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => WindowsDeviceOptions.Parse("windows:" + options, options));
        Assert.That(e!.Message, Does.Contain(expected).And.Not.Contain('\n'));
    }
}
