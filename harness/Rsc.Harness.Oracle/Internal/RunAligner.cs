using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>
/// Explains every guest frame (conservation, order, interpretation.md 1-2) and judges each unit
/// (sections 3-5): frames of no flow must come through byte for byte; each flow's frames are
/// aligned by <see cref="FlowAligner"/>.
/// </summary>
internal sealed class RunAligner(IReadOnlyList<SentInfo> sent, IReadOnlyList<GuestInfo> guest, OracleSettings settings, long observationEndNs)
{
    private const int SplitAnalysisLimit = 200;

    private readonly GuestExplanation?[] _explanations = new GuestExplanation?[guest.Count];
    private readonly List<Finding> _findings = [];

    public List<Finding> Findings => _findings;

    public Alignment Align()
    {
        var unkeyedRemaining = new Dictionary<byte[], Queue<SentInfo>>(ByteArrayComparer.Instance);
        var unkeyedDelivered = new Dictionary<int, int>();
        foreach (var s in sent)
        {
            if (!s.Keyed)
            {
                if (!unkeyedRemaining.TryGetValue(s.Frame, out var q))
                {
                    unkeyedRemaining[s.Frame] = q = new Queue<SentInfo>();
                }
                q.Enqueue(s);
            }
        }
        var flows = sent.Where(s => s.Keyed).GroupBy(s => s.Flow!.Value).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var list in flows.Values)
        {
            for (int p = 0; p < list.Count; p++)
            {
                list[p].Position = p;
            }
        }

        var guestByFlow = new Dictionary<FlowKey, List<int>>();
        var unkeyedSent = sent.Where(s => !s.Keyed).ToList();
        for (int gi = 0; gi < guest.Count; gi++)
        {
            var g = guest[gi];
            if (unkeyedRemaining.TryGetValue(g.Frame.Frame, out var queue))
            {
                if (queue.Count > 0)
                {
                    var s = queue.Dequeue();
                    unkeyedDelivered[s.Index] = g.Index;
                    Explain(gi, [s.Index], g.Flow, 0, 0);
                }
                else
                {
                    var original = unkeyedSent.First(s => ByteArrayComparer.Instance.Equals(s.Frame, g.Frame.Frame));
                    int firstGuest = unkeyedDelivered.GetValueOrDefault(original.Index, -1);
                    _findings.Add(new Finding(OracleRules.Duplicate, Severity.Fail,
                        $"guest frame {g.Index} repeats {original.Describe()}, already delivered in guest frame {firstGuest}",
                        firstGuest >= 0 ? [firstGuest, g.Index] : [g.Index], [original.Index]));
                    Explain(gi, [original.Index], g.Flow, 0, 0);
                }
                SingleFrameVirtio.Check(g, new CollectingSink(_findings, g.Index, _explanations[gi]!.SentFrames));
                continue;
            }
            if (g.Flow is { } key && flows.ContainsKey(key))
            {
                if (!guestByFlow.TryGetValue(key, out var list))
                {
                    guestByFlow[key] = list = [];
                }
                list.Add(gi);
                continue;
            }
            _findings.Add(new Finding(OracleRules.Unexpected, Severity.Fail,
                $"guest frame {g.Index} ({Shape(g)}) matches nothing that was sent", [g.Index], []));
        }

        foreach (var q in unkeyedRemaining.Values)
        {
            foreach (var s in q)
            {
                _findings.Add(new Finding(OracleRules.Lost, Severity.Fail,
                    $"{s.Describe()} never reached the guest{ObservationNote(s)}", [], [s.Index]));
            }
        }

        foreach (var (key, flowSent) in flows)
        {
            var flowGuest = guestByFlow.TryGetValue(key, out var l) ? l : [];
            AlignFlow(key, flowSent, flowGuest);
        }

        var explained = new GuestExplanation[guest.Count];
        for (int gi = 0; gi < guest.Count; gi++)
        {
            explained[gi] = _explanations[gi] ?? new GuestExplanation(guest[gi].Index, [], guest[gi].Flow, 0, 0);
        }
        return new Alignment(explained);
    }

    private void AlignFlow(FlowKey key, List<SentInfo> flowSent, List<int> flowGuestIndices)
    {
        var flowGuest = flowGuestIndices.Select(gi => guest[gi]).ToList();
        var aligner = new FlowAligner(flowSent, flowGuest, settings);
        aligner.Align();
        var choices = aligner.Choices;
        var reportedMissing = new HashSet<int>();

        for (int j = 0; j < flowGuest.Count; j++)
        {
            var g = flowGuest[j];
            int gi = flowGuestIndices[j];
            if (choices[j] is not { } choice)
            {
                if (j < SplitAnalysisLimit && SplitFinding(g, flowSent, reportedMissing) is { } split)
                {
                    _findings.Add(split);
                }
                else
                {
                    _findings.Add(new Finding(OracleRules.Unexpected, Severity.Fail,
                        $"guest frame {g.Index} ({Shape(g)}) of flow {key} matches no run of sent frames", [g.Index], []));
                }
                continue;
            }

            var unit = Enumerable.Range(choice.Start, choice.End - choice.Start).Select(p => flowSent[p].Index).ToArray();
            var walker = aligner.Replay(j, choice, new CollectingSink(_findings, g.Index, unit));
            Explain(gi, unit, key, walker.DataSegments, walker.Count > 1 ? walker.DupAcks : 0);

            if (choice.Kind == ChoiceKind.Duplicate)
            {
                var firsts = FirstDeliveries(choices, flowGuest, choice, j);
                _findings.Add(new Finding(OracleRules.Duplicate, Severity.Fail,
                    $"guest frame {g.Index} repeats sent {Range(unit)}, already delivered in guest frame(s) {string.Join(',', firsts)}",
                    [.. firsts, g.Index], unit));
            }
            else if (choice.Kind == ChoiceKind.OutOfOrder)
            {
                _findings.Add(OrderFinding(choices, flowGuest, flowSent, j, unit));
            }
        }

        var covered = aligner.Covered;
        for (int p = 0; p < flowSent.Count; p++)
        {
            if (!covered[p] && !reportedMissing.Contains(p))
            {
                var s = flowSent[p];
                _findings.Add(new Finding(OracleRules.Lost, Severity.Fail,
                    $"{s.Describe()} never reached the guest{ObservationNote(s)}", [], [s.Index]));
            }
        }

        CheckByteStream(key, flowSent, flowGuest);
    }

    private static List<int> FirstDeliveries(UnitChoice?[] choices, List<GuestInfo> flowGuest, UnitChoice dup, int self)
    {
        var result = new List<int>();
        for (int k = 0; k < choices.Length; k++)
        {
            if (k != self && choices[k] is { Kind: not ChoiceKind.Duplicate } c && c.Start < dup.End && dup.Start < c.End)
            {
                result.Add(flowGuest[k].Index);
            }
        }
        return result;
    }

    private static Finding OrderFinding(UnitChoice?[] choices, List<GuestInfo> flowGuest, List<SentInfo> flowSent, int j, int[] unit)
    {
        var me = choices[j]!.Value;
        for (int k = 0; k < choices.Length; k++)
        {
            if (k == j || choices[k] is not { Kind: ChoiceKind.InOrder } other)
            {
                continue;
            }
            bool conflict = k > j ? other.Start < me.Start : other.Start > me.Start;
            if (conflict)
            {
                var o = flowGuest[k];
                var otherFirst = flowSent[other.Start].Index;
                string relation = k > j ? "before" : "after";
                return new Finding(OracleRules.FlowOrder, Severity.Fail,
                    $"guest frame {flowGuest[j].Index} delivers sent {Range(unit)} {relation} guest frame {o.Index} delivers sent {otherFirst}, which was sent {(k > j ? "earlier" : "later")}",
                    k > j ? [flowGuest[j].Index, o.Index] : [o.Index, flowGuest[j].Index],
                    [unit[0], otherFirst]);
            }
        }
        return new Finding(OracleRules.FlowOrder, Severity.Fail,
            $"guest frame {flowGuest[j].Index} delivers sent {Range(unit)} out of the flow's send order", [flowGuest[j].Index], unit);
    }

    /// <summary>A data frame whose byte range cuts through sent segments instead of covering whole ones.</summary>
    private static Finding? SplitFinding(GuestInfo g, List<SentInfo> flowSent, HashSet<int> reportedMissing)
    {
        if (g.PayloadLength == 0)
        {
            return null;
        }
        uint start = g.Packet.Seq;
        long length = g.PayloadLength;
        var touched = new List<SentInfo>();
        var cuts = new List<string>();
        foreach (var s in flowSent)
        {
            if (!s.HasData)
            {
                continue;
            }
            // Offsets relative to the guest frame's first byte, modulo 2^32.
            long from = unchecked((int)(s.Packet.Seq - start));
            long to = from + s.PayloadLength;
            if (to <= 0 || from >= length)
            {
                continue;
            }
            touched.Add(s);
            if (from < 0)
            {
                cuts.Add($"starts {-from} bytes into {s.Describe()}");
            }
            if (to > length)
            {
                cuts.Add($"ends {length - from} bytes into {s.Describe()}");
            }
        }
        if (cuts.Count == 0)
        {
            return null;
        }
        foreach (var s in touched)
        {
            reportedMissing.Add(s.Position);
        }
        return new Finding(OracleRules.SegmentSplit, Severity.Fail,
            $"guest frame {g.Index} carries seq {start}..{unchecked(start + (uint)length)} ({length} bytes), which does not cover whole sent segments: it {string.Join(" and ", cuts)}",
            [g.Index], touched.Select(s => s.Index).ToArray());
    }

    /// <summary>The flow's bytes as delivered, in delivery order, must be the bytes sent, in send order.</summary>
    private void CheckByteStream(FlowKey key, List<SentInfo> flowSent, List<GuestInfo> flowGuest)
    {
        using var sentBytes = new MemoryStream();
        foreach (var s in flowSent)
        {
            sentBytes.Write(s.Packet.Payload);
        }
        using var guestBytes = new MemoryStream();
        foreach (var g in flowGuest)
        {
            guestBytes.Write(g.Payload);
        }
        var a = sentBytes.GetBuffer().AsSpan(0, (int)sentBytes.Length);
        var b = guestBytes.GetBuffer().AsSpan(0, (int)guestBytes.Length);
        if (a.SequenceEqual(b))
        {
            return;
        }
        int at = a.CommonPrefixLength(b);
        var sentAt = At(flowSent, s => s.PayloadLength, at);
        var guestAt = At(flowGuest, g => g.PayloadLength, at);
        _findings.Add(new Finding(OracleRules.ByteStream, Severity.Fail,
            $"flow {key}: the guest's byte stream ({b.Length} bytes) differs from the sent one ({a.Length} bytes) from byte {at} on" +
            $" ({(sentAt is null ? "past the sent data" : $"sent {sentAt.Index}")}, {(guestAt is null ? "past the delivered data" : $"guest frame {guestAt.Index}")})",
            guestAt is null ? [] : [guestAt.Index], sentAt is null ? [] : [sentAt.Index]));
    }

    /// <summary>The item whose payload holds byte <paramref name="offset"/> of the concatenation.</summary>
    private static T? At<T>(List<T> items, Func<T, int> length, long offset)
        where T : class
    {
        long pos = 0;
        foreach (var item in items)
        {
            pos += length(item);
            if (offset < pos)
            {
                return item;
            }
        }
        return null;
    }

    private void Explain(int gi, IReadOnlyList<int> sentFrames, FlowKey? flow, int segments, int dupAcks) =>
        _explanations[gi] = new GuestExplanation(guest[gi].Index, sentFrames, flow, segments, dupAcks);

    private string ObservationNote(SentInfo s)
    {
        long due = s.SentNs + settings.DrainIntervalNs + settings.LatencyToleranceNs;
        return observationEndNs < due
            ? $" (observation ended at {observationEndNs} ns, before its drain deadline {due} ns)"
            : $" (sent at {s.SentNs} ns, observed until {observationEndNs} ns)";
    }

    private static string Shape(GuestInfo g) => g.Packet.Shape == PacketShape.Tcp
        ? $"seq {g.Packet.Seq}, ack {g.Packet.Ack}, {g.PayloadLength} bytes"
        : $"{g.Packet.Shape}{(g.Packet.MalformedReason is { } r ? ": " + r : "")}";

    private static string Range(int[] unit) =>
        unit.Length > 2 && unit[^1] - unit[0] == unit.Length - 1 ? $"{unit[0]}..{unit[^1]}" : string.Join(',', unit);
}
