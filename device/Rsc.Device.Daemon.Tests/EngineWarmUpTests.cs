using Rsc.Device.Daemon.Tests.Support;

namespace Rsc.Device.Daemon.Tests;

[TestFixture]
public sealed class EngineWarmUpTests
{
    [Test]
    public void The_warm_up_takes_every_path_the_engine_counts_and_leaves_no_timer_armed()
    {
        using var running = new RunningLoop();
        var (flushed, timed) = EngineWarmUp.Run(new RscEngineOptions(), running.Time);
        // Paths a live frame can take; each one first taken live would pay for its compilation there.
        RscCounter[] paths =
        [
            RscCounter.DataJoined, RscCounter.BypassNotIp, RscCounter.BypassMalformedIp, RscCounter.BypassNotTcp,
            RscCounter.BypassMalformedTcp, RscCounter.BypassIpFragment, RscCounter.BypassBadChecksum,
            RscCounter.BypassTcpOptions, RscCounter.FinalTcpFlags, RscCounter.FinalOutOfOrder, RscCounter.FinalEcnChange,
            RscCounter.FinalHeaderChange, RscCounter.FinalTimestamp, RscCounter.FinalAckBackwards, RscCounter.FinalPureAck,
            RscCounter.FinalDupAck, RscCounter.FinalSize, RscCounter.DupAck, RscCounter.WindowUpdate,
            RscCounter.BypassIpv4Options, RscCounter.BypassIpv6ExtensionHeaders, RscCounter.FinalDataAfterAck, RscCounter.FinalTimer,
            RscCounter.FinalFlowException,
        ];
        TestContext.Out.WriteLine("flushed: " + string.Join(", ", Enum.GetValues<RscCounter>().Select(c => $"{c}={flushed[c]}")));
        TestContext.Out.WriteLine("timed: " + string.Join(", ", Enum.GetValues<RscCounter>().Select(c => $"{c}={timed[c]}")));
        Assert.Multiple(() =>
        {
            foreach (var path in paths)
            {
                // The timed engine's clock is its own, so this does not depend on how fast the machine is.
                Assert.That(timed[path], Is.GreaterThan(0), path.ToString());
            }
            Assert.That(flushed[RscCounter.FinalFlush], Is.GreaterThan(0), "the flushed engine drains by Flush");
            Assert.That(flushed.CoalescedPackets, Is.GreaterThan(0));
            Assert.That(running.Time.ArmedCount, Is.Zero);
        });
    }

    [Test]
    public void The_warm_up_copes_with_a_flow_cap_of_zero_and_with_faults()
    {
        using var running = new RunningLoop();
        var options = new RscEngineOptions { MaxCachedFlows = 0, Faults = RscFault.GsoSizeZero | RscFault.TimerNeverFires };
        Assert.That(EngineWarmUp.Run(options, running.Time).Flushed.CoalescedPackets, Is.GreaterThan(0));
    }
}
