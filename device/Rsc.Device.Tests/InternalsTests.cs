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
