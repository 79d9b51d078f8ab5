using CsCheck;
using Rsc.Device.Coalescing;
using Rsc.Device.Flows;
using Rsc.Device.Net;
using HarnessChecksum = Rsc.Harness.Core.Net.InternetChecksum;

namespace Rsc.Device.Tests;

/// <summary>The engine's own checksum arithmetic and flow table, against independent references.</summary>
[TestFixture]
public sealed class InternalsTests
{
    [Test]
    public void TheVectorisedSumMatchesAPlainRfc1071Sum()
    {
        Gen.Byte.Array[0, 3000].Sample(data =>
        {
            uint ours = InternetChecksum.Sum(data);
            Assert.That(InternetChecksum.Complement(ours), Is.EqualTo(HarnessChecksum.Compute(data)));
        }, iter: 3000);
    }

    [Test]
    public void PiecewiseSumsCombineLikeOneSum()
    {
        Gen.Select(Gen.Byte.Array[0, 600], Gen.Byte.Array[0, 600]).Sample((a, b) =>
        {
            uint first = InternetChecksum.Sum(a);
            uint second = InternetChecksum.Sum(b);
            uint combined = InternetChecksum.Combine(first, a.Length % 2 == 1 ? InternetChecksum.ShiftedByOneByte(second) : second);
            Assert.That(InternetChecksum.Complement(combined), Is.EqualTo(HarnessChecksum.Compute([.. a, .. b])));
        }, iter: 3000);
    }

    [Test]
    public void TheFlowTableBehavesLikeADictionary()
    {
        var ops = Gen.Select(Gen.Bool, Gen.Int[0, 300]).Array[1, 2000];
        ops.Sample(sequence =>
        {
            var table = new FlowTable(256, 12345);
            var reference = new Dictionary<int, CoalescingUnit>();
            foreach (var (add, id) in sequence)
            {
                var key = KeyFor(id);
                if (add && !reference.ContainsKey(id) && reference.Count < 256)
                {
                    var unit = new CoalescingUnit(16);
                    table.Add(key, unit);
                    reference[id] = unit;
                }
                else if (!add)
                {
                    table.Remove(key);
                    reference.Remove(id);
                }
            }
            Assert.That(table.Count, Is.EqualTo(reference.Count));
            for (int id = 0; id <= 300; id++)
            {
                Assert.That(table.Find(KeyFor(id)), Is.SameAs(reference.GetValueOrDefault(id)));
            }
        }, iter: 300);
    }

    [Test]
    public void FlowsWhoseFullHashesCollideAreToldApart()
    {
        // Source ports 5748 and 14908 (to ports 80 and 443) give the same 32-bit hash under this seed:
        // only the key comparison can separate them.
        const ulong seed = 12345;
        byte[] addresses = [10, 0, 0, 1, 10, 0, 0, 2];
        var first = FlowKey.Ipv4(addresses, [5748 >> 8, 5748 & 0xFF, 0, 80]);
        var second = FlowKey.Ipv4(addresses, [14908 >> 8, 14908 & 0xFF, 443 >> 8, 443 & 0xFF]);
        Assert.That(first.Hash(seed), Is.EqualTo(second.Hash(seed)), "precondition: the hashes collide");
        var table = new FlowTable(16, seed);
        var firstUnit = new CoalescingUnit(16);
        var secondUnit = new CoalescingUnit(16);

        table.Add(first, firstUnit);
        Assert.That(table.Find(second), Is.Null);
        table.Remove(second);
        Assert.That(table.Find(first), Is.SameAs(firstUnit), "removing an absent colliding flow keeps the present one");
        Assert.That(table.Count, Is.EqualTo(1));

        table.Add(second, secondUnit);
        Assert.That(table.Find(first), Is.SameAs(firstUnit));
        Assert.That(table.Find(second), Is.SameAs(secondUnit));
        table.Remove(first);
        Assert.That(table.Find(first), Is.Null);
        Assert.That(table.Find(second), Is.SameAs(secondUnit));
        Assert.That(table.Count, Is.EqualTo(1));
    }

    [Test]
    public void RemovalAcrossTheEndOfTheTableKeepsEntriesAtHome()
    {
        // Capacity 8: one flow at home in the last slot, one at home in slot 0. Removing the first
        // leaves a hole at the end; the second is already at home and must stay there.
        const ulong seed = 777;
        var table = new FlowTable(4, seed);
        var atEnd = KeyWithHome(seed, 7, 0);
        var atStart = KeyWithHome(seed, 0, 1000);
        var endUnit = new CoalescingUnit(16);
        var startUnit = new CoalescingUnit(16);
        table.Add(atEnd, endUnit);
        table.Add(atStart, startUnit);

        table.Remove(atEnd);

        Assert.That(table.Find(atEnd), Is.Null);
        Assert.That(table.Find(atStart), Is.SameAs(startUnit));
    }

    private static FlowKey KeyWithHome(ulong seed, int home, int firstPort)
    {
        byte[] addresses = [10, 0, 0, 1, 10, 0, 0, 2];
        for (int port = firstPort; ; port++)
        {
            var key = FlowKey.Ipv4(addresses, [(byte)(port >> 8), (byte)port, 0, 80]);
            if ((key.Hash(seed) & 7) == home)
            {
                return key;
            }
        }
    }

    private static FlowKey KeyFor(int id)
    {
        // Few distinct address bytes so many keys collide on purpose.
        byte[] addresses = [10, 0, 0, (byte)(id % 3), 10, 0, 0, 1];
        byte[] ports = [0, (byte)(id / 3), 0, 80];
        return id % 5 == 0
            ? FlowKey.Ipv6([.. addresses, .. addresses, .. addresses, .. addresses], ports)
            : FlowKey.Ipv4(addresses, ports);
    }
}
