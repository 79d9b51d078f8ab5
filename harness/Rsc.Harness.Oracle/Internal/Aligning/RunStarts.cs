namespace Rsc.Harness.Oracle.Internal.Aligning;

/// <summary>
/// Where each guest frame's run may start, from what the rules pin: the sequence number of the first
/// data segment (or of pure ACKs just before it), the IPv4 ID of the first segment, and for a frame
/// without data the seq and ACK of a pure ACK.
/// </summary>
internal sealed class RunStarts
{
    /// <summary>Pure ACKs a unit may begin with before its data.</summary>
    public const int MaxLeading = 64;

    private readonly int[][] _starts;

    public RunStarts(IReadOnlyList<SentInfo> sent, IReadOnlyList<GuestInfo> guest)
    {
        var dataBySeq = new Dictionary<uint, List<int>>();
        var pureByAck = new Dictionary<uint, List<int>>();
        var pureBySeqAck = new Dictionary<(uint, uint), List<int>>();
        var dataByIpId = new Dictionary<ushort, List<int>>();
        var pureByIpId = new Dictionary<ushort, List<int>>();
        for (int position = 0; position < sent.Count; position++)
        {
            var packet = sent[position].Packet;
            if (sent[position].HasData)
            {
                Index(dataBySeq, packet.Seq, position);
                if (packet.IpVersion == 4) Index(dataByIpId, packet.IpId, position);
            }
            else
            {
                Index(pureByAck, packet.Ack, position);
                Index(pureBySeqAck, (packet.Seq, packet.Ack), position);
                if (packet.IpVersion == 4) Index(pureByIpId, packet.IpId, position);
            }
        }
        _starts = new int[guest.Count][];
        for (int frame = 0; frame < guest.Count; frame++)
        {
            var packet = guest[frame].Packet;
            var starts = new List<int>();
            bool v4 = packet.IpVersion == 4;
            if (guest[frame].PayloadLength > 0)
            {
                foreach (var position in Lookup(dataBySeq, packet.Seq))
                {
                    starts.Add(position);
                    // A unit may begin with pure ACKs (a cumulative ACK, window updates) before its data.
                    for (int before = position - 1; before >= 0 && position - before <= MaxLeading && !sent[before].HasData && sent[before].Packet.Seq == packet.Seq; before--)
                    {
                        starts.Add(before);
                    }
                }
                if (v4) starts.AddRange(Lookup(dataByIpId, packet.IpId));
            }
            else
            {
                // Pure ACKs merge only with ACKs of the same number sent at the same seq; fall back
                // to the ACK number alone so a frame with a wrong seq is still recognised.
                starts.AddRange(Lookup(pureBySeqAck, (packet.Seq, packet.Ack)));
                if (v4) starts.AddRange(Lookup(pureByIpId, packet.IpId));
                if (starts.Count == 0) starts.AddRange(Lookup(pureByAck, packet.Ack));
            }
            starts.Sort();
            _starts[frame] = [.. starts.Distinct()];
        }
    }

    /// <summary>The possible starts of guest frame <paramref name="frame"/>'s run, ascending.</summary>
    public int[] Of(int frame) => _starts[frame];

    /// <summary>The first index of <paramref name="sorted"/> holding a value at least <paramref name="value"/>.</summary>
    public static int LowerBound(int[] sorted, int value)
    {
        int low = 0;
        int high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static void Index<TKey>(Dictionary<TKey, List<int>> index, TKey key, int position)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }
        list.Add(position);
    }

    private static IEnumerable<int> Lookup<TKey>(Dictionary<TKey, List<int>> index, TKey key)
        where TKey : notnull =>
        index.TryGetValue(key, out var list) ? list : [];
}
