using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Net;

namespace Rsc.Device.Tests;

/// <summary>NDIS counters (OID) and per-reason counters as the interpretation reads them.</summary>
[TestFixture]
public sealed class StatisticsTests
{
    [Test]
    public void TheSnapshotNamesEveryCounterOnce()
    {
        using var rig = new EngineRig();

        var snapshot = rig.Stats.Snapshot();

        Assert.That(snapshot.Keys, Is.Unique);
        Assert.That(snapshot, Has.Count.EqualTo(RscCounters.Count + 4));
        Assert.That(snapshot.Keys, Does.Contain("CoalescedPkts").And.Contain("CoalescedOctets").And.Contain("CoalesceEvents").And.Contain("Aborts"));
        Assert.That(snapshot.Keys, Does.Contain("bypass-not-ip").And.Contain("final-out-of-order").And.Contain("final-timer")
            .And.Contain("dup-ack").And.Contain("window-update").And.Contain("resource-shortage").And.Contain("bypass-bad-checksum")
            .And.Contain("bypass-ipv4-options").And.Contain("final-tcp-flags").And.Contain("final-ecn-change").And.Contain("final-size"));
        Assert.That(RscCounters.All.Select(RscCounters.Name), Is.All.Match("^[a-z0-9]+(-[a-z0-9]+)*$"));
    }

    [Test]
    public void AMixedRunAddsUpAsTheInterpretationSays()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        // Unit 1: three data segments + a window update, ended by an out-of-order segment (abort).
        rig.Send(flow.Data(1000), flow.Data(1000), flow.Data(1000));
        flow.Window = 5000;
        rig.Send(flow.PureAck());
        flow.Skip(10);
        rig.Send(flow.Data(500));
        // Unit 2: two segments ended by FIN (abort), FIN alone.
        rig.Send(flow.Data(200), flow.Data(300));
        rig.Send(flow.Send(flow.Next(0, TcpFlags.Ack | TcpFlags.Fin)));
        // Unit 3: one segment, delivered by the timer: not coalesced.
        rig.Send(flow.Data(50));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        // A non-IP frame: not an abort.
        rig.Send(new byte[60]);

        var s = rig.Stats;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(s.CoalescedPackets, Is.EqualTo(5));
            Assert.That(s.CoalescedOctets, Is.EqualTo(3500));
            Assert.That(s.CoalesceEvents, Is.EqualTo(2));
            Assert.That(s.Aborts, Is.EqualTo(2));
            Assert.That(s[RscCounter.Received], Is.EqualTo(10));
            Assert.That(s[RscCounter.Delivered], Is.EqualTo(rig.Guest.Count));
            Assert.That(s[RscCounter.WindowUpdate], Is.EqualTo(1));
            Assert.That(s[RscCounter.FinalOutOfOrder], Is.EqualTo(1));
            Assert.That(s[RscCounter.FinalTcpFlags], Is.EqualTo(1));
            Assert.That(s[RscCounter.FinalFlowException], Is.EqualTo(1));
            Assert.That(s[RscCounter.FinalTimer], Is.EqualTo(1));
            Assert.That(s[RscCounter.BypassNotIp], Is.EqualTo(1));
            Assert.That(s.Snapshot()["CoalescedPkts"], Is.EqualTo(5));
            Assert.That(s.Snapshot()["final-out-of-order"], Is.EqualTo(1));
        }
    }
}
