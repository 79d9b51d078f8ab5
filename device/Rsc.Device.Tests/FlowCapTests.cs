using Rsc.Harness.Core.Net;
using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>Bounded state: past the cap on cached units the resource-shortage exception applies (E).</summary>
[TestFixture]
public sealed class FlowCapTests
{
    [Test]
    public void ANewFlowPastTheCapIsDeliveredAloneAndCounted()
    {
        using var rig = new EngineRig(new RscEngineOptions { MaxCachedFlows = 4 });
        var flows = Enumerable.Range(0, 5).Select(i => rig.Flow(4, i)).ToArray();
        for (int i = 0; i < 4; i++)
        {
            rig.Send(flows[i].Data(100));
        }

        var extra = flows[4].Data(100);
        rig.Send(extra);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rig.Engine.CachedUnits, Is.EqualTo(4));
            Assert.That(rig.Guest.Deliveries.Select(d => d.Frame), Is.EqualTo(new[] { extra.Frame }));
            Assert.That(rig.Guest[0].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.DataValid));
            Assert.That(rig.Stats[RscCounter.ResourceShortage], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }

        // Existing flows keep coalescing; a freed slot is reused.
        rig.Send(flows[0].Data(100));
        rig.Time.Advance(TimeSpan.FromMicroseconds(300));
        rig.Send(flows[4].Data(100));
        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1));
        Assert.That(rig.Stats[RscCounter.ResourceShortage], Is.EqualTo(1));
    }

    [Test]
    public void UnitsEndedByExceptionsGoBackToThePool()
    {
        using var rig = new EngineRig(new RscEngineOptions { MaxCachedFlows = 2 });
        var flow = rig.Flow();
        for (int i = 0; i < 5; i++)
        {
            rig.Send(flow.Data(100));
            rig.Send(flow.Send(flow.Next(0, TcpFlags.Ack | TcpFlags.Rst)));
        }

        rig.Send(rig.Flow(4, 1).Data(100), rig.Flow(4, 2).Data(100));

        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(2));
        Assert.That(rig.Stats[RscCounter.ResourceShortage], Is.Zero);
    }

    [Test]
    public void TheDefaultCapIs1024Flows()
    {
        using var rig = new EngineRig();
        for (int i = 0; i < 1100; i++)
        {
            rig.Send(rig.Flow(i % 2 == 0 ? 4 : 6, i).Data(10));
        }

        Assert.That(rig.Engine.CachedUnits, Is.EqualTo(1024));
        Assert.That(rig.Stats[RscCounter.ResourceShortage], Is.EqualTo(76));
        rig.Engine.Flush();
        Assert.That(rig.Guest.Count, Is.EqualTo(1100));
    }

    [Test]
    public void ACapOfZeroCachesNothing()
    {
        using var rig = new EngineRig(new RscEngineOptions { MaxCachedFlows = 0 });
        var flow = rig.Flow();

        rig.Send(flow.Data(10), flow.Data(10));

        Assert.That(rig.Guest.Count, Is.EqualTo(2));
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
    }

    [Test]
    public void ManyFlowsComingAndGoingKeepTheTableConsistent()
    {
        using var rig = new EngineRig(new RscEngineOptions { MaxCachedFlows = 64 });
        var flows = Enumerable.Range(0, 200).Select(i => rig.Flow(i % 3 == 0 ? 6 : 4, i)).ToArray();
        var random = new Random(7);
        int sent = 0;
        for (int round = 0; round < 5000; round++)
        {
            var flow = flows[random.Next(flows.Length)];
            if (random.Next(10) == 0)
            {
                flow.Skip(1);
            }
            rig.Send(flow.Data(10));
            sent++;
            if (random.Next(50) == 0)
            {
                rig.Time.Advance(TimeSpan.FromMicroseconds(300));
            }
            Assert.That(rig.Engine.CachedUnits, Is.LessThanOrEqualTo(64));
        }
        rig.Engine.Flush();

        int delivered = rig.Guest.Deliveries.Sum(d => d.Header.RscSegments ?? 1);
        Assert.That(delivered, Is.EqualTo(sent));
        Assert.That(rig.Guest.Deliveries.Sum(d => d.Packet.PayloadLength), Is.EqualTo(sent * 10));
    }
}
