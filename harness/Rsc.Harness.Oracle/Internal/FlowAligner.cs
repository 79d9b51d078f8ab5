namespace Rsc.Harness.Oracle.Internal;

/// <summary>How a guest frame of a flow was explained.</summary>
internal enum ChoiceKind
{
    /// <summary>A run delivered at its place in the flow's order.</summary>
    InOrder,
    /// <summary>A run of frames nothing else delivered, but delivered out of the flow's order.</summary>
    OutOfOrder,
    /// <summary>A run already delivered by another guest frame.</summary>
    Duplicate,
}

/// <summary>Guest frame (position in the flow's delivery list) explained as sent positions [Start, End).</summary>
internal readonly record struct UnitChoice(int Start, int End, ChoiceKind Kind);

/// <summary>
/// Explains the guest frames of one flow as runs of consecutive sent frames. A guest frame's possible
/// starts come from what the rules pin (sequence number, IP ID, ACK number); its possible ends from
/// covering exactly its payload plus any trailing pure ACKs. A layered shortest-path search over
/// (guest frame, next sent frame) picks the explanation with the fewest losses, strays and rule
/// findings, so every legal reading of an ambiguous delivery is found when one exists.
/// </summary>
internal sealed class FlowAligner
{
    // A lost frame weighs less than a header that contradicts a run (CostSink.IdentityCost), and a
    // stray guest frame less than a lost frame plus such a contradiction, so a slightly wrong frame
    // is still recognised as the run it delivers.
    private const int LostCost = 1000;
    private const int UnexplainedCost = 2500;
    private const int NearestStarts = 3;
    private const int MaxLeading = 64;
    private const int MaxTrailing = 256;
    private const int MaxTrailingUncounted = 32;
    private const int BeamWidth = 32;
    private const int ReclassifyStarts = 256;

    private readonly IReadOnlyList<SentInfo> _sent;
    private readonly IReadOnlyList<GuestInfo> _guest;
    private readonly OracleSettings _settings;
    private readonly int[][] _starts;
    private readonly Dictionary<(int Guest, int Start), List<Candidate>> _ends = [];
    private readonly Dictionary<(int Guest, int Anchor), int> _bestIdentity = [];

    public FlowAligner(IReadOnlyList<SentInfo> sent, IReadOnlyList<GuestInfo> guest, OracleSettings settings)
    {
        _sent = sent;
        _guest = guest;
        _settings = settings;
        var dataBySeq = new Dictionary<uint, List<int>>();
        var zeroByAck = new Dictionary<uint, List<int>>();
        var zeroBySeqAck = new Dictionary<(uint, uint), List<int>>();
        var dataByIpId = new Dictionary<ushort, List<int>>();
        var zeroByIpId = new Dictionary<ushort, List<int>>();
        for (int p = 0; p < sent.Count; p++)
        {
            var s = sent[p];
            if (s.HasData)
            {
                Index(dataBySeq, s.Packet.Seq, p);
                if (s.Packet.IpVersion == 4) Index(dataByIpId, s.Packet.IpId, p);
            }
            else
            {
                Index(zeroByAck, s.Packet.Ack, p);
                Index(zeroBySeqAck, (s.Packet.Seq, s.Packet.Ack), p);
                if (s.Packet.IpVersion == 4) Index(zeroByIpId, s.Packet.IpId, p);
            }
        }
        _starts = new int[guest.Count][];
        for (int j = 0; j < guest.Count; j++)
        {
            var g = guest[j];
            var starts = new List<int>();
            bool v4 = g.Packet.IpVersion == 4;
            if (g.PayloadLength > 0)
            {
                foreach (var p in Lookup(dataBySeq, g.Packet.Seq))
                {
                    starts.Add(p);
                    // A unit may begin with pure ACKs (a cumulative ACK, window updates) before its data.
                    for (int q = p - 1; q >= 0 && p - q <= MaxLeading && !sent[q].HasData && sent[q].Packet.Seq == g.Packet.Seq; q--)
                    {
                        starts.Add(q);
                    }
                }
                if (v4) starts.AddRange(Lookup(dataByIpId, g.Packet.IpId));
            }
            else
            {
                // Pure ACKs merge only with ACKs of the same number sent at the same seq; fall back
                // to the ACK number alone so a frame with a wrong seq is still recognised.
                starts.AddRange(Lookup(zeroBySeqAck, (g.Packet.Seq, g.Packet.Ack)));
                if (v4) starts.AddRange(Lookup(zeroByIpId, g.Packet.IpId));
                if (starts.Count == 0) starts.AddRange(Lookup(zeroByAck, g.Packet.Ack));
            }
            starts.Sort();
            _starts[j] = [.. starts.Distinct()];
        }
    }

    public UnitChoice?[] Choices { get; private set; } = [];

    public bool[] Covered { get; private set; } = [];

    /// <summary>Builds the walker of the chosen run for guest <paramref name="j"/>, replaying its findings into <paramref name="sink"/>.</summary>
    public UnitWalker Replay(int j, UnitChoice choice, IFindingSink sink)
    {
        var w = new UnitWalker(_guest[j], _sent, choice.Start, _settings);
        while (w.End < choice.End)
        {
            w.Add(sink);
        }
        w.Finish(sink);
        return w;
    }

    public void Align()
    {
        int m = _guest.Count;
        int n = _sent.Count;
        var layers = new List<Dictionary<int, Node>>(m + 1) { new() { [0] = new Node(0, -1, -1) } };
        for (int j = 0; j < m; j++)
        {
            var next = new Dictionary<int, Node>();
            foreach (var (i, node) in layers[j])
            {
                var starts = _starts[j];
                int k = LowerBound(starts, i);
                for (int t = 0; t < NearestStarts && k + t < starts.Length; t++)
                {
                    int s = starts[k + t];
                    foreach (var (e, c, _) in Options(j, s))
                    {
                        Relax(next, e, new Node(node.Cost + ((long)LostCost * (s - i)) + c, i, s));
                    }
                }
                Relax(next, i, new Node(node.Cost + UnexplainedCost, i, -1));
            }
            layers.Add(Prune(next, j + 1));
        }

        int bestI = -1;
        long bestCost = long.MaxValue;
        foreach (var (i, node) in layers[m])
        {
            long c = node.Cost + ((long)LostCost * (n - i));
            if (c < bestCost || (c == bestCost && i > bestI))
            {
                bestCost = c;
                bestI = i;
            }
        }

        var choices = new UnitChoice?[m];
        int cur = bestI;
        for (int j = m; j > 0; j--)
        {
            var node = layers[j][cur];
            if (node.Start >= 0)
            {
                choices[j - 1] = new UnitChoice(node.Start, cur, ChoiceKind.InOrder);
            }
            cur = node.Prev;
        }

        var covered = new bool[n];
        foreach (var c in choices)
        {
            if (c is { } u)
            {
                Array.Fill(covered, true, u.Start, u.End - u.Start);
            }
        }
        Reclassify(choices, covered);
        Choices = choices;
        Covered = covered;
    }

    /// <summary>
    /// Strays the ordered search left over: frames delivered out of the flow's order, frames whose
    /// pure ACKs a neighbour only absorbed at its edge, or repeats.
    /// </summary>
    private void Reclassify(UnitChoice?[] choices, bool[] covered)
    {
        for (int j = 0; j < choices.Length; j++)
        {
            if (choices[j] is not null)
            {
                continue;
            }
            var choice = Fresh(j, covered, bestOnly: true) ?? TakeBackEdge(choices, j) ?? Fresh(j, covered, bestOnly: false);
            if (choice is { } c)
            {
                Array.Fill(covered, true, c.Start, c.End - c.Start);
                choices[j] = c with { Kind = InOrder(choices, j, c) ? ChoiceKind.InOrder : ChoiceKind.OutOfOrder };
                continue;
            }
            choices[j] = Repeat(j, covered);
        }
    }

    private IEnumerable<(int Start, Candidate Candidate)> AllOptions(int j, bool bestOnly)
    {
        int tried = 0;
        foreach (var s in _starts[j])
        {
            if (tried++ >= ReclassifyStarts)
            {
                yield break;
            }
            foreach (var c in bestOnly ? Options(j, s) : Ends(j, s))
            {
                yield return (s, c);
            }
        }
    }

    /// <summary>The cheapest run for guest <paramref name="j"/> that no other guest frame delivered.</summary>
    private UnitChoice? Fresh(int j, bool[] covered, bool bestOnly)
    {
        UnitChoice? best = null;
        int bestCost = int.MaxValue;
        foreach (var (s, c) in AllOptions(j, bestOnly))
        {
            if (c.Cost < bestCost && Array.IndexOf(covered, true, s, c.End - s) < 0)
            {
                bestCost = c.Cost;
                best = new UnitChoice(s, c.End, ChoiceKind.OutOfOrder);
            }
        }
        return best;
    }

    /// <summary>The cheapest run for guest <paramref name="j"/> that other guest frames already delivered whole.</summary>
    private UnitChoice? Repeat(int j, bool[] covered)
    {
        UnitChoice? best = null;
        int bestCost = int.MaxValue;
        foreach (var (s, c) in AllOptions(j, bestOnly: true))
        {
            if (c.Cost < bestCost && Array.IndexOf(covered, false, s, c.End - s) < 0)
            {
                bestCost = c.Cost;
                best = new UnitChoice(s, c.End, ChoiceKind.Duplicate);
            }
        }
        return best;
    }

    /// <summary>
    /// A stray whose best run overlaps another frame's run only in pure ACKs at that run's edge,
    /// which nothing in that frame pins there: the other frame gives them back.
    /// </summary>
    private UnitChoice? TakeBackEdge(UnitChoice?[] choices, int j)
    {
        foreach (var (s, c) in AllOptions(j, bestOnly: true))
        {
            if (c.Identity > 0)
            {
                continue; // only a frame that matches the run exactly may claim it back
            }
            int e = c.End;
            for (int k = 0; k < choices.Length; k++)
            {
                if (k == j || choices[k] is not { } other || other.Kind == ChoiceKind.Duplicate)
                {
                    continue;
                }
                UnitChoice shrunk;
                if (s <= other.Start && e > other.Start && e < other.End)
                {
                    shrunk = other with { Start = e };
                }
                else if (s > other.Start && s < other.End && e >= other.End)
                {
                    shrunk = other with { End = s };
                }
                else
                {
                    continue;
                }
                int lo = Math.Max(s, other.Start);
                int hi = Math.Min(e, other.End);
                if (!OnlyPureAcks(lo, hi) || !RestUncoveredOrIn(choices, j, k, s, e))
                {
                    continue;
                }
                int current = CostOf(k, other.Start, other.End);
                int after = CostOf(k, shrunk.Start, shrunk.End);
                if (current >= 0 && after >= 0 && after <= current)
                {
                    choices[k] = shrunk;
                    return new UnitChoice(s, e, ChoiceKind.OutOfOrder);
                }
            }
        }
        return null;
    }

    private bool OnlyPureAcks(int from, int to)
    {
        for (int p = from; p < to; p++)
        {
            if (_sent[p].HasData)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Every frame of [s, e) is either in guest <paramref name="k"/>'s run or in no run at all.</summary>
    private static bool RestUncoveredOrIn(UnitChoice?[] choices, int j, int k, int s, int e)
    {
        for (int other = 0; other < choices.Length; other++)
        {
            if (other != j && other != k && choices[other] is { } c && c.Start < e && s < c.End)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>No frame delivered before guest <paramref name="j"/> holds later-sent frames, and none delivered after it earlier ones.</summary>
    private static bool InOrder(UnitChoice?[] choices, int j, UnitChoice c)
    {
        for (int k = 0; k < choices.Length; k++)
        {
            if (k == j || choices[k] is not { Kind: not ChoiceKind.Duplicate } other)
            {
                continue;
            }
            if ((k < j && other.Start > c.Start) || (k > j && other.Start < c.Start))
            {
                return false;
            }
        }
        return true;
    }

    private int CostOf(int j, int start, int end)
    {
        foreach (var (e, c, _) in Ends(j, start))
        {
            if (e == end)
            {
                return c;
            }
        }
        return -1;
    }

    /// <summary>
    /// The runs from <paramref name="s"/> worth considering for guest <paramref name="j"/>: among the
    /// runs that share its data (or, for a frame without data, its start), only those whose header
    /// matches the guest frame best. Pure ACKs at a run's edges are placed by the header first;
    /// losses and order only decide between equally good matches.
    /// </summary>
    private IEnumerable<Candidate> Options(int j, int s)
    {
        var ends = Ends(j, s);
        if (ends.Count == 0)
        {
            return ends;
        }
        int anchor = _guest[j].PayloadLength > 0 ? FirstData(s) : s;
        if (!_bestIdentity.TryGetValue((j, anchor), out int best))
        {
            best = int.MaxValue;
            int from = _guest[j].PayloadLength > 0 ? Math.Max(0, anchor - MaxLeading) : anchor;
            var starts = _starts[j];
            for (int k = LowerBound(starts, from); k < starts.Length && starts[k] <= anchor; k++)
            {
                if (starts[k] == anchor || FirstData(starts[k]) == anchor)
                {
                    foreach (var c in Ends(j, starts[k]))
                    {
                        best = Math.Min(best, c.Identity);
                    }
                }
            }
            _bestIdentity[(j, anchor)] = best;
        }
        return ends.Where(c => c.Identity == best);
    }

    private bool IsPlainCopyOf(GuestInfo g, SentInfo s) =>
        _settings.Capabilities.ExcuseFor(OracleRules.RscInfo) is null &&
        !g.Frame.Header.HasRscInfo &&
        g.Frame.Header.GsoType == Core.Virtio.VirtioGsoType.None &&
        s.Frame.AsSpan().SequenceEqual(g.Frame.Frame);

    private int FirstData(int s)
    {
        while (s < _sent.Count && !_sent[s].HasData)
        {
            s++;
        }
        return s;
    }

    private List<Candidate> Ends(int j, int s)
    {
        if (_ends.TryGetValue((j, s), out var cached))
        {
            return cached;
        }
        var list = new List<Candidate>();
        _ends[(j, s)] = list;
        var g = _guest[j];
        var prefix = new CostSink();
        if (IsPlainCopyOf(g, _sent[s]))
        {
            // Any longer run would be coalesced and the frame would have to say so; the copy wins.
            var single = new UnitWalker(g, _sent, s, _settings);
            single.Add(prefix);
            var end = new CostSink();
            single.Finish(end);
            list.Add(new Candidate(s + 1, prefix.Cost + end.Cost, prefix.IdentityMismatches + end.IdentityMismatches));
            return list;
        }
        var edge = new EdgeCostSink(prefix);
        var w = new UnitWalker(g, _sent, s, _settings);
        if (g.PayloadLength > 0)
        {
            long covered = 0;
            while (w.CanAdd && covered < g.PayloadLength)
            {
                bool leading = w.Count > 0 && w.DataSegments == 0 && !w.Next.HasData;
                covered += w.Next.PayloadLength;
                w.Add(leading ? edge : prefix);
            }
            if (covered != g.PayloadLength)
            {
                return list;
            }
        }
        else
        {
            if (_sent[s].HasData)
            {
                return list;
            }
            w.Add(prefix);
        }
        Emit();
        // The device's own dup-ACK count says how far a unit of many pure ACKs may reach; without
        // one, a frame is not stretched over more than a few dozen identical ACKs.
        int maxTrailing = g.Frame.Header.RscDupAcks is { } dups ? Math.Max(MaxTrailing, dups + 8) : MaxTrailingUncounted;
        for (int t = 0; t < maxTrailing && w.CanAdd && !w.Next.HasData; t++)
        {
            w.Add(edge);
            Emit();
        }
        return list;

        void Emit()
        {
            var end = new CostSink();
            w.Finish(end);
            list.Add(new Candidate(w.End, prefix.Cost + end.Cost, prefix.IdentityMismatches + end.IdentityMismatches));
        }
    }

    private static void Relax(Dictionary<int, Node> layer, int i, Node candidate)
    {
        if (!layer.TryGetValue(i, out var existing) || candidate.Cost < existing.Cost)
        {
            layer[i] = candidate;
        }
    }

    /// <summary>
    /// Keeps the most promising states: cost so far plus the frames the next guest frame would
    /// have to skip to reach its nearest possible start (or everything left, after the last one).
    /// </summary>
    private Dictionary<int, Node> Prune(Dictionary<int, Node> layer, int nextGuest)
    {
        if (layer.Count <= BeamWidth)
        {
            return layer;
        }
        long Outlook(int i)
        {
            if (nextGuest >= _guest.Count)
            {
                return (long)LostCost * (_sent.Count - i);
            }
            var starts = _starts[nextGuest];
            int k = LowerBound(starts, i);
            return k < starts.Length ? Math.Min((long)LostCost * (starts[k] - i), UnexplainedCost) : UnexplainedCost;
        }
        return layer
            .Select(kv => (kv.Key, kv.Value, Score: kv.Value.Cost + Outlook(kv.Key)))
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Key)
            .Take(BeamWidth)
            .ToDictionary(x => x.Key, x => x.Value);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
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

    /// <summary>A run [start, End) for a guest frame: its weight and how many header fields contradict it.</summary>
    private readonly record struct Candidate(int End, int Cost, int Identity);

    /// <summary>Best way found to reach a state: its cost, the previous state's next-sent position, and the run's start (-1: guest frame unexplained).</summary>
    private readonly record struct Node(long Cost, int Prev, int Start);
}
