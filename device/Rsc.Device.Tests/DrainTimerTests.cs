using Rsc.Device.Tests.Support;

namespace Rsc.Device.Tests;

/// <summary>The drain timer (R, SEED): nothing waits longer than the interval.</summary>
[TestFixture]
public sealed class DrainTimerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMicroseconds(300);

    [TestCase(4)]
    [TestCase(6)]
    public void ALoneSegmentIsDeliveredExactlyAtTheInterval(int ipVersion)
    {
        using var rig = new EngineRig();
        var a = rig.Flow(ipVersion).Data(1448);
        var sentAt = rig.Time.GetUtcNow();
        rig.Send(a);

        rig.Time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.That(rig.Guest.Count, Is.Zero);

        rig.Time.Advance(TimeSpan.FromTicks(1));
        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        Assert.That(rig.Guest[0].Frame, Is.EqualTo(a.Frame));
        Assert.That(rig.Guest[0].At - sentAt, Is.EqualTo(Interval));
        Assert.That(rig.Stats[RscCounter.FinalTimer], Is.EqualTo(1));
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
    }

    [Test]
    public void TheIntervalIsConfigurable()
    {
        var interval = TimeSpan.FromMilliseconds(1);
        using var rig = new EngineRig(new RscEngineOptions { DrainInterval = interval });
        rig.Send(rig.Flow().Data(100));

        rig.Time.Advance(TimeSpan.FromMicroseconds(999));
        Assert.That(rig.Guest.Count, Is.Zero);
        rig.Time.Advance(TimeSpan.FromMicroseconds(1));
        Assert.That(rig.Guest.Count, Is.EqualTo(1));
    }

    [TestCase(300, 100, 3)]
    [TestCase(300, 50, 6)]
    [TestCase(1000, 100, 10)]
    [TestCase(300, 300, 1)]
    public void SegmentsPerUnitFollowTheRatioOfIntervalToSpacing(int intervalUs, int spacingUs, int perUnit)
    {
        using var rig = new EngineRig(new RscEngineOptions { DrainInterval = TimeSpan.FromMicroseconds(intervalUs) });
        var flow = rig.Flow();
        int units = 10;
        for (int i = 0; i < units * perUnit; i++)
        {
            rig.Send(flow.Data(1448));
            rig.Time.Advance(TimeSpan.FromMicroseconds(spacingUs));
        }
        rig.Time.Advance(TimeSpan.FromMicroseconds(intervalUs));

        Assert.That(rig.Guest.Count, Is.EqualTo(units));
        var expected = perUnit == 1 ? (int?)null : perUnit;
        Assert.That(rig.Guest.Deliveries.Select(d => d.Header.RscSegments), Is.All.EqualTo(expected));
        Assert.That(rig.Stats[RscCounter.FinalTimer], Is.EqualTo(units));
    }

    [Test]
    public void OneFiringDrainsEveryUnitOfTheChainAndNoneOfTheOtherChain()
    {
        using var rig = new EngineRig();
        rig.Send(rig.Flow(4, 0).Data(100));
        rig.Time.Advance(TimeSpan.FromMicroseconds(100));
        rig.Send(rig.Flow(4, 1).Data(100));
        rig.Send(rig.Flow(6, 2).Data(100));

        rig.Time.Advance(TimeSpan.FromMicroseconds(200));

        Assert.That(rig.Guest.Deliveries.Select(d => d.Packet.IpVersion), Is.EqualTo(new[] { 4, 4 }));
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1));
        rig.Time.Advance(TimeSpan.FromMicroseconds(100));
        Assert.That(rig.Guest.Count, Is.EqualTo(3));
        Assert.That(rig.Guest[2].Packet.IpVersion, Is.EqualTo(6));
    }

    [Test]
    public void TheTimerRearmsForTheNextSegmentAfterFiring()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        rig.Send(flow.Data(100));
        rig.Time.Advance(Interval);
        rig.Time.Advance(TimeSpan.FromMicroseconds(1000));
        rig.Send(flow.Data(100));

        rig.Time.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        rig.Time.Advance(TimeSpan.FromTicks(1));
        Assert.That(rig.Guest.Count, Is.EqualTo(2));
    }

    [Test]
    public void AUnitRestartedAfterAnExceptionIsStillBoundByTheInterval()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        rig.Send(flow.Data(100));
        rig.Time.Advance(TimeSpan.FromMicroseconds(250));
        flow.Ecn = 3;
        rig.Send(flow.Data(100));
        Assert.That(rig.Guest.Count, Is.EqualTo(1));

        rig.Time.Advance(TimeSpan.FromMicroseconds(50));

        Assert.That(rig.Guest.Count, Is.EqualTo(2), "drained early by the chain's timer, never late");
    }

    [Test]
    public void AUnitCachedAfterAFlushGetsAFullInterval()
    {
        using var rig = new EngineRig();
        rig.Send(rig.Flow(4, 0).Data(100));
        rig.Time.Advance(TimeSpan.FromMicroseconds(100));
        rig.Engine.Flush();
        rig.Send(rig.Flow(4, 1).Data(100));

        rig.Time.Advance(Interval - TimeSpan.FromMicroseconds(1));
        Assert.That(rig.Guest.Count, Is.EqualTo(1), "the flushed unit's deadline does not drain the next unit");
        rig.Time.Advance(TimeSpan.FromMicroseconds(1));
        Assert.That(rig.Guest.Count, Is.EqualTo(2));
    }

    [Test]
    public void FlushDisarmsTheTimer()
    {
        using var rig = new EngineRig();
        rig.Send(rig.Flow().Data(100));
        rig.Engine.Flush();

        rig.Time.Advance(Interval * 3);

        Assert.That(rig.Guest.Count, Is.EqualTo(1));
        Assert.That(rig.Stats[RscCounter.FinalTimer], Is.Zero);
        Assert.That(rig.Stats[RscCounter.FinalFlush], Is.EqualTo(1));
    }
}
