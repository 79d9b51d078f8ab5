using System.Diagnostics;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Tests.Support;
using static Rsc.Harness.Oracle.Tests.Support.OracleAssert;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>
/// Long runs are judged (the alignment search does not blow up) and still pinpoint a single fault.
/// The time bound is a hang guard, far above what judging takes on an idle machine (well under a
/// second for each case here), not a performance figure: CI machines share their cores.
/// </summary>
public sealed class ScaleTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    private static readonly OracleSettings Lenient = Settings(drainIntervalNs: 10_000_000_000);

    private static TrafficPlan LongRandom(int frames, int seed)
    {
        var random = new Random(seed);
        var t = new TrafficBuilder(spacingNs: 10_000);
        var flows = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? t.FlowV4(i) : t.FlowV6(i).WithTimestamps()).ToArray();
        for (int n = 0; n < frames; n++)
        {
            var f = flows[random.Next(flows.Length)];
            int kind = random.Next(20);
            if (kind < 17) f.Data(random.Next(1, 1449));
            else if (kind < 19) { f.Window = (ushort)(f.Window == 65535 ? 30000 + n : 65535); f.PureAck(); }
            else { f.Ack += 1000; f.PureAck(); }
        }
        return t.Build();
    }

    [Test]
    public void Thousands_of_frames_coalesced_legally_pass()
    {
        var plan = LongRandom(5000, 42);
        var d = RandomTraffic.Coalesce(plan, [1, 3, 8, 20, 2, 45]);
        var clock = Stopwatch.StartNew();
        var j = Judge(d, Lenient);
        clock.Stop();
        Passes(j);
        Assert.That(clock.Elapsed, Is.LessThan(HangGuard), "judging 5000 frames");
        TestContext.Out.WriteLine($"5000 frames, {d.Count} guest frames judged in {clock.ElapsedMilliseconds} ms");
    }

    [Test]
    public void One_lost_frame_among_thousands_is_named_alone()
    {
        var plan = LongRandom(5000, 7);
        var d = RandomTraffic.Coalesce(plan, [4]);
        int victim = d.Frames.Select((g, i) => (g, i)).First(x => x.i > 300 && Core.Net.PacketParser.Parse(x.g.Frame).PayloadLength > 0).i;
        var lostSent = Judge(d, Lenient).Alignment.Guest[victim].SentFrames.ToArray();
        d.RemoveAt(victim);
        var j = Judge(d, Lenient);
        var lost = j.Findings.Where(f => f.Rule == OracleRules.Lost).SelectMany(f => f.SentFrames).ToArray();
        Assert.That(lost, Is.EquivalentTo(lostSent), () => Describe(j));
        Assert.That(j.Findings.Where(f => f.Rule != OracleRules.Lost && f.Rule != OracleRules.ByteStream), Is.Empty, () => Describe(j));
    }

    [TestCase(false, true)]
    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(true, false)]
    public void A_flood_of_identical_dup_acks_is_judged(bool asOneUnit, bool reportsRscInfo)
    {
        var t = new TrafficBuilder(spacingNs: 1_000);
        var f = t.FlowV6();
        f.Ack += 100;
        f.PureAck();
        for (int i = 0; i < 1500; i++) f.PureAck();
        var plan = t.Build();
        var d = new Delivery(plan);
        if (asOneUnit) d.Coalesced([.. Enumerable.Range(0, plan.Frames.Count)], dupAcks: 1500);
        else d.AllUnchanged();
        var clock = Stopwatch.StartNew();
        var j = Judge(d, Lenient with { Capabilities = reportsRscInfo ? Rsc.Harness.Core.Devices.DeviceCapabilities.Full : Excusing(OracleRules.RscInfo) });
        clock.Stop();
        Passes(j);
        Assert.That(clock.Elapsed, Is.LessThan(HangGuard));
        TestContext.Out.WriteLine($"1501 dup ACKs judged in {clock.ElapsedMilliseconds} ms");
        Assert.That(j.Outcome, Is.EqualTo(Outcome.Pass));
    }
}
