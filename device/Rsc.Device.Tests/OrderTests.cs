using Rsc.Device.Tests.Support;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests;

/// <summary>Out-of-order data and retransmissions end the unit; the segment follows alone, at once.</summary>
[TestFixture]
public sealed class OrderTests
{
    [Test]
    public void AGapDeliversTheUnitThenTheSegmentAlone()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1000);
        var b = flow.Data(1000);
        flow.Skip(1000);
        var afterGap = flow.Data(1000);
        var next = flow.Data(1000);

        rig.Send(a, b, afterGap);

        Assert.That(rig.Guest.Count, Is.EqualTo(2), "both delivered at once");
        Assert.That(rig.Engine.CachedUnits, Is.Zero);
        rig.Send(next);
        rig.Engine.Flush();
        var got = rig.Guest.Deliveries;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(got[0].Header.RscSegments, Is.EqualTo(2));
            Assert.That(got[1].Frame, Is.EqualTo(afterGap.Frame));
            Assert.That(got[1].Header.Flags, Is.EqualTo(VirtioNetHeaderFlags.DataValid));
            Assert.That(got[2].Frame, Is.EqualTo(next.Frame), "a new unit starts after the out-of-order segment");
            Assert.That(rig.Stats[RscCounter.FinalOutOfOrder], Is.EqualTo(1));
            Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
        }
    }

    [Test]
    public void ARetransmissionDeliversTheUnitThenTheSegmentAlone()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var a = flow.Data(1000);
        var b = flow.Data(1000);
        var again = flow.Retransmit(a.Segment!.Seq, 1000);

        rig.Send(a, b, again);

        var got = rig.Guest.Deliveries;
        Assert.That(got, Has.Count.EqualTo(2));
        Assert.That(got[0].Packet.Payload.ToArray(), Is.EqualTo(Frames.Concat(a, b)));
        Assert.That(got[1].Frame, Is.EqualTo(again.Frame));
        Assert.That(rig.Stats.Aborts, Is.EqualTo(1));
    }

    [Test]
    public void OrderWithinAFlowIsKeptAcrossEveryKindOfEnding()
    {
        using var rig = new EngineRig();
        var flow = rig.Flow();
        var sent = new List<byte[]>();
        for (int i = 0; i < 10; i++)
        {
            sent.Add(flow.Data(100).Frame);
        }
        flow.Skip(50);
        sent.Add(flow.Data(100).Frame);
        sent.Add(flow.Data(100).Frame);
        sent.Add(flow.Send(flow.Next(0, Harness.Core.Net.TcpFlags.Ack | Harness.Core.Net.TcpFlags.Fin)).Frame);

        foreach (var f in sent)
        {
            rig.Send(f);
        }
        rig.Engine.Flush();

        var seqs = rig.Guest.Deliveries.Select(d => d.Packet.Seq).ToArray();
        Assert.That(seqs, Is.Ordered.Ascending);
        Assert.That(rig.Guest.Deliveries.Sum(d => d.Packet.PayloadLength), Is.EqualTo(1200));
    }
}
