using Rsc.Device.Daemon.Tests.Support;

namespace Rsc.Device.Daemon.Tests;

[TestFixture]
public sealed class EngineWarmUpTests
{
    [Test]
    public void The_warm_up_takes_the_coalescing_paths_of_both_protocols_and_leaves_no_timer_armed()
    {
        using var running = new RunningLoop();
        var statistics = EngineWarmUp.Run(new RscEngineOptions(), running.Time);
        Assert.Multiple(() =>
        {
            // 40 rounds x 2 protocols x 3 data segments merged into one unit each.
            Assert.That(statistics.CoalescedPackets, Is.EqualTo(40 * 2 * 3));
            Assert.That(statistics[RscCounter.BypassBadChecksum], Is.Zero, "the made-up segments must carry good checksums");
            Assert.That(statistics[RscCounter.BypassNotIp], Is.EqualTo(40));
            Assert.That(running.Time.ArmedCount, Is.Zero);
        });
    }

    [Test]
    public void The_warm_up_copes_with_a_flow_cap_of_zero_and_with_faults()
    {
        using var running = new RunningLoop();
        var options = new RscEngineOptions { MaxCachedFlows = 0, Faults = RscFault.GsoSizeZero | RscFault.TimerNeverFires };
        Assert.That(EngineWarmUp.Run(options, running.Time).CoalescedPackets, Is.GreaterThan(0));
    }
}
