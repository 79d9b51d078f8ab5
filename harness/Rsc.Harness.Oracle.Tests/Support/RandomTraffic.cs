using CsCheck;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Oracle.Tests.Support;

/// <summary>Random traffic: several flows of data, cumulative ACKs, window updates, and frames of no flow.</summary>
internal sealed record RandomTraffic(int Flows, bool[] V6, bool[] Timestamps, (int Flow, int Kind, int Size)[] Actions, int[] UnitSizes)
{
    public static Gen<RandomTraffic> Gen { get; } =
        CsCheck.Gen.Select(
            CsCheck.Gen.Int[1, 4],
            CsCheck.Gen.Bool.Array[4],
            CsCheck.Gen.Bool.Array[4],
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, 3], CsCheck.Gen.Int[0, 19], CsCheck.Gen.Int[1, 1448]).Array[1, 80],
            CsCheck.Gen.Int[1, 8].Array[1, 6])
        .Select((flows, v6, ts, actions, units) => new RandomTraffic(flows, v6, ts, actions, units));

    public TrafficPlan Build()
    {
        var t = new TrafficBuilder();
        var cursors = new FlowCursor[Flows];
        for (int i = 0; i < Flows; i++)
        {
            cursors[i] = V6[i] ? t.FlowV6(i) : t.FlowV4(i);
            if (Timestamps[i]) cursors[i].WithTimestamps();
        }
        int raw = 0;
        foreach (var (flow, kind, size) in Actions)
        {
            var c = cursors[flow % Flows];
            switch (kind)
            {
                case < 14:
                    c.Data(size);
                    break;
                case < 16:
                    c.Ack += (uint)size;
                    c.PureAck(label: "cumulative ACK");
                    break;
                case < 18:
                    c.Window = c.Window == 65535 ? (ushort)(30000 + size) : (ushort)65535;
                    c.PureAck(label: "window update");
                    break;
                default:
                    var frame = CorrectDeliveryTests.ArpLike();
                    frame[40] = (byte)raw;
                    frame[41] = (byte)(raw++ >> 8);
                    t.Raw(frame, "ARP");
                    break;
            }
        }
        return t.Build();
    }

    /// <summary>A legal coalescing: runs of each flow cut before every advancing ACK, at the drawn unit sizes and under 60000 bytes.</summary>
    public static Delivery Coalesce(TrafficPlan plan, int[] unitSizes)
    {
        var units = new List<List<int>>();
        var open = new Dictionary<Core.Net.FlowKey, List<int>>();
        int u = 0;
        foreach (var f in plan.Frames)
        {
            if (f.Segment is not { } s)
            {
                units.Add([f.Index]);
                continue;
            }
            var key = s.Flow.Key;
            if (open.TryGetValue(key, out var unit))
            {
                var prev = plan.Frames[unit[^1]].Segment!;
                bool advancingAck = s.IsPureAck && s.Ack != prev.Ack;
                int bytes = unit.Sum(i => plan.Frames[i].Segment!.PayloadLength);
                if (advancingAck || unit.Count >= unitSizes[u % unitSizes.Length] || bytes + s.PayloadLength > 60000)
                {
                    units.Add(unit);
                    u++;
                    open.Remove(key);
                }
            }
            if (!open.TryGetValue(key, out unit))
            {
                open[key] = unit = [];
            }
            unit.Add(f.Index);
        }
        units.AddRange(open.Values);
        var d = new Delivery(plan);
        foreach (var unit in units.OrderBy(x => x[^1]))
        {
            if (unit.Count == 1) d.Unchanged(unit[0]);
            else d.Coalesced([.. unit]);
        }
        return d;
    }
}
