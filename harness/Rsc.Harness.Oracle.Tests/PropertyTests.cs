using CsCheck;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>On random traffic: correct deliveries always pass; losing, repeating or reordering one frame always fails.</summary>
public sealed class PropertyTests
{
    private static readonly OracleSettings Lenient = Settings(drainIntervalNs: 1_000_000_000);

    private static Delivery Deliver(RandomTraffic traffic, bool coalesce)
    {
        var plan = traffic.Build();
        return coalesce ? RandomTraffic.Coalesce(plan, traffic.UnitSizes) : new Delivery(plan).AllUnchanged();
    }

    [Test]
    public void Delivering_everything_unchanged_always_passes()
    {
        RandomTraffic.Gen.Sample(traffic =>
        {
            var j = Judge(Deliver(traffic, coalesce: false), Lenient);
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(j));
        }, iter: 150);
    }

    [Test]
    public void A_legal_coalescing_always_passes()
    {
        RandomTraffic.Gen.Sample(traffic =>
        {
            var d = Deliver(traffic, coalesce: true);
            var j = Judge(d, Lenient);
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass), () => Describe(j));
            Assert.That(j.Alignment.Guest.Sum(g => g.SentFrames.Count), Is.EqualTo(d.Plan.Frames.Count));
        }, iter: 150);
    }

    /// <summary>
    /// Only frames that carry data or belong to no flow: a delivered unit of window updates can vanish
    /// without trace, since the frame before may legally have absorbed it with an identical result.
    /// </summary>
    [Test]
    public void Dropping_one_frame_with_data_or_of_no_flow_always_fails()
    {
        Gen.Select(RandomTraffic.Gen, Gen.Bool, Gen.Int[0, int.MaxValue]).Sample((traffic, coalesce, pick) =>
        {
            var d = Deliver(traffic, coalesce);
            var droppable = d.Frames
                .Select((g, i) => (Packet: Core.Net.PacketParser.Parse(g.Frame), Index: i))
                .Where(x => x.Packet.Flow is null || x.Packet.PayloadLength > 0)
                .Select(x => x.Index)
                .ToList();
            if (droppable.Count == 0)
            {
                return;
            }
            d.RemoveAt(droppable[pick % droppable.Count]);
            var j = Judge(d, Lenient);
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail), () => Describe(j));
            Assert.That(j.Findings.Any(f => f.Rule == OracleRules.Lost), Is.True, () => Describe(j));
        }, iter: 150);
    }

    [Test]
    public void Duplicating_one_frame_always_fails()
    {
        Gen.Select(RandomTraffic.Gen, Gen.Bool, Gen.Int[0, int.MaxValue]).Sample((traffic, coalesce, pick) =>
        {
            var d = Deliver(traffic, coalesce);
            d.Duplicate(pick % d.Count);
            var j = Judge(d, Lenient);
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail), () => Describe(j));
            Assert.That(j.Findings.Any(f => f.Rule == OracleRules.Duplicate), Is.True, () => Describe(j));
        }, iter: 150);
    }

    [Test]
    public void Swapping_two_frames_of_one_flow_always_fails()
    {
        Gen.Select(RandomTraffic.Gen, Gen.Bool, Gen.Int[0, int.MaxValue]).Sample((traffic, coalesce, pick) =>
        {
            var d = Deliver(traffic, coalesce);
            var byFlow = d.Frames
                .Select((g, i) => (Flow: Core.Net.PacketParser.Parse(g.Frame).Flow, Index: i))
                .Where(x => x.Flow is not null)
                .GroupBy(x => x.Flow)
                .Select(g => g.Select(x => x.Index).ToList())
                .Where(l => l.Count >= 2)
                .ToList();
            if (byFlow.Count == 0)
            {
                return; // nothing of one flow to swap
            }
            var positions = byFlow[pick % byFlow.Count];
            int k = (pick / 7) % (positions.Count - 1);
            int a = positions[k];
            int b = positions[k + 1];
            if (d.Frames[a].Frame.AsSpan().SequenceEqual(d.Frames[b].Frame))
            {
                return; // identical frames: a swap changes nothing
            }
            d.Swap(a, b);
            var j = Judge(d, Lenient);
            Assert.That(j.Outcome, Is.EqualTo(Outcome.Fail), () => Describe(j));
            Assert.That(j.Findings.Any(f => f.Rule == OracleRules.FlowOrder), Is.True, () => Describe(j));
        }, iter: 150);
    }
}
