using Rsc.Harness.Core.Net;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Oracle.Internal.Aligning;

/// <summary>
/// Explains every guest frame (conservation, order, interpretation.md 1-2) and judges each unit by
/// the unit rules (sections 3-5): frames of no flow must come through byte for byte; each flow's
/// frames are aligned by <see cref="FlowAligner"/>.
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
        foreach (var frame in sent)
        {
            if (!frame.Keyed)
            {
                if (!unkeyedRemaining.TryGetValue(frame.Frame, out var queue))
                {
                    unkeyedRemaining[frame.Frame] = queue = new Queue<SentInfo>();
                }
                queue.Enqueue(frame);
            }
        }
        var flows = sent.Where(frame => frame.Keyed).GroupBy(frame => frame.Flow!.Value).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var list in flows.Values)
        {
            for (int position = 0; position < list.Count; position++)
            {
                list[position].Position = position;
            }
        }

        var guestByFlow = new Dictionary<FlowKey, List<int>>();
        var unkeyedSent = sent.Where(frame => !frame.Keyed).ToList();
        for (int at = 0; at < guest.Count; at++)
        {
            var delivered = guest[at];
            if (unkeyedRemaining.TryGetValue(delivered.Frame.Frame, out var queue))
            {
                SentInfo original;
                if (queue.Count > 0)
                {
                    original = queue.Dequeue();
                    unkeyedDelivered[original.Index] = delivered.Index;
                }
                else
                {
                    original = unkeyedSent.First(frame => ByteArrayComparer.Instance.Equals(frame.Frame, delivered.Frame.Frame));
                    int firstGuest = unkeyedDelivered.GetValueOrDefault(original.Index, -1);
                    _findings.Add(new Finding(OracleRules.Duplicate, Severity.Fail,
                        $"guest frame {delivered.Index} repeats {original.Describe()}, already delivered in guest frame {firstGuest}",
                        firstGuest >= 0 ? [firstGuest, delivered.Index] : [delivered.Index], [original.Index]));
                }
                Explain(at, [original.Index], delivered.Flow, 0, 0);
                UnitJudge.Judge(new UnitView(delivered, UnitSummary.Of([original], 0, 1), settings), _findings);
                continue;
            }
            if (delivered.Flow is { } key && flows.ContainsKey(key))
            {
                if (!guestByFlow.TryGetValue(key, out var list))
                {
                    guestByFlow[key] = list = [];
                }
                list.Add(at);
                continue;
            }
            _findings.Add(new Finding(OracleRules.Unexpected, Severity.Fail,
                $"guest frame {delivered.Index} ({Shape(delivered)}) matches nothing that was sent", [delivered.Index], []));
        }

        foreach (var queue in unkeyedRemaining.Values)
        {
            foreach (var frame in queue)
            {
                _findings.Add(new Finding(OracleRules.Lost, Severity.Fail,
                    $"{frame.Describe()} never reached the guest{ObservationNote(frame)}", [], [frame.Index]));
            }
        }

        foreach (var (key, flowSent) in flows)
        {
            var flowGuest = guestByFlow.TryGetValue(key, out var list) ? list : [];
            AlignFlow(key, flowSent, flowGuest);
        }

        var explained = new GuestExplanation[guest.Count];
        for (int at = 0; at < guest.Count; at++)
        {
            explained[at] = _explanations[at] ?? new GuestExplanation(guest[at].Index, [], guest[at].Flow, 0, 0);
        }
        return new Alignment(explained);
    }

    private void AlignFlow(FlowKey key, List<SentInfo> flowSent, List<int> flowGuestIndices)
    {
        var flowGuest = flowGuestIndices.Select(at => guest[at]).ToList();
        var aligner = new FlowAligner(flowSent, flowGuest, settings);
        aligner.Align();
        var choices = aligner.Choices;
        var reportedMissing = new HashSet<int>();

        for (int frame = 0; frame < flowGuest.Count; frame++)
        {
            var delivered = flowGuest[frame];
            int at = flowGuestIndices[frame];
            if (choices[frame] is not { } choice)
            {
                if (frame < SplitAnalysisLimit && SplitFinding(delivered, flowSent, reportedMissing) is { } split)
                {
                    _findings.Add(split);
                }
                else
                {
                    _findings.Add(new Finding(OracleRules.Unexpected, Severity.Fail,
                        $"guest frame {delivered.Index} ({Shape(delivered)}) of flow {key} matches no run of sent frames", [delivered.Index], []));
                }
                continue;
            }

            var unit = UnitSummary.Of(flowSent, choice.Start, choice.End);
            var indices = unit.SentIndices();
            UnitJudge.Judge(new UnitView(delivered, unit, settings), _findings);
            Explain(at, indices, key, unit.DataSegments, unit.IsCoalesced ? unit.DupAcks : 0);

            if (choice.Kind == ChoiceKind.Duplicate)
            {
                var firsts = FirstDeliveries(choices, flowGuest, choice, frame);
                _findings.Add(new Finding(OracleRules.Duplicate, Severity.Fail,
                    $"guest frame {delivered.Index} repeats sent {Range(indices)}, already delivered in guest frame(s) {string.Join(',', firsts)}",
                    [.. firsts, delivered.Index], indices));
            }
            else if (choice.Kind == ChoiceKind.OutOfOrder)
            {
                _findings.Add(OrderFinding(choices, flowGuest, flowSent, frame, indices));
            }
        }

        var covered = aligner.Covered;
        for (int position = 0; position < flowSent.Count; position++)
        {
            if (!covered[position] && !reportedMissing.Contains(position))
            {
                var frame = flowSent[position];
                _findings.Add(new Finding(OracleRules.Lost, Severity.Fail,
                    $"{frame.Describe()} never reached the guest{ObservationNote(frame)}", [], [frame.Index]));
            }
        }

        CheckByteStream(key, flowSent, flowGuest);
    }

    private static List<int> FirstDeliveries(UnitChoice?[] choices, List<GuestInfo> flowGuest, UnitChoice repeat, int self)
    {
        var result = new List<int>();
        for (int other = 0; other < choices.Length; other++)
        {
            if (other != self && choices[other] is { Kind: not ChoiceKind.Duplicate } choice && choice.Start < repeat.End && repeat.Start < choice.End)
            {
                result.Add(flowGuest[other].Index);
            }
        }
        return result;
    }

    private static Finding OrderFinding(UnitChoice?[] choices, List<GuestInfo> flowGuest, List<SentInfo> flowSent, int frame, int[] unit)
    {
        var mine = choices[frame]!.Value;
        for (int other = 0; other < choices.Length; other++)
        {
            if (other == frame || choices[other] is not { Kind: ChoiceKind.InOrder } theirs)
            {
                continue;
            }
            bool conflict = other > frame ? theirs.Start < mine.Start : theirs.Start > mine.Start;
            if (conflict)
            {
                var otherGuest = flowGuest[other];
                var otherFirst = flowSent[theirs.Start].Index;
                string relation = other > frame ? "before" : "after";
                return new Finding(OracleRules.FlowOrder, Severity.Fail,
                    $"guest frame {flowGuest[frame].Index} delivers sent {Range(unit)} {relation} guest frame {otherGuest.Index} delivers sent {otherFirst}, which was sent {(other > frame ? "earlier" : "later")}",
                    other > frame ? [flowGuest[frame].Index, otherGuest.Index] : [otherGuest.Index, flowGuest[frame].Index],
                    [unit[0], otherFirst]);
            }
        }
        return new Finding(OracleRules.FlowOrder, Severity.Fail,
            $"guest frame {flowGuest[frame].Index} delivers sent {Range(unit)} out of the flow's send order", [flowGuest[frame].Index], unit);
    }

    /// <summary>A data frame whose byte range cuts through sent segments instead of covering whole ones.</summary>
    private static Finding? SplitFinding(GuestInfo delivered, List<SentInfo> flowSent, HashSet<int> reportedMissing)
    {
        if (delivered.PayloadLength == 0)
        {
            return null;
        }
        uint start = delivered.Packet.Seq;
        long length = delivered.PayloadLength;
        var touched = new List<SentInfo>();
        var cuts = new List<string>();
        foreach (var frame in flowSent)
        {
            if (!frame.HasData)
            {
                continue;
            }
            // Offsets relative to the guest frame's first byte, modulo 2^32.
            long from = unchecked((int)(frame.Packet.Seq - start));
            long to = from + frame.PayloadLength;
            if (to <= 0 || from >= length)
            {
                continue;
            }
            touched.Add(frame);
            if (from < 0)
            {
                cuts.Add($"starts {-from} bytes into {frame.Describe()}");
            }
            if (to > length)
            {
                cuts.Add($"ends {length - from} bytes into {frame.Describe()}");
            }
        }
        if (cuts.Count == 0)
        {
            return null;
        }
        foreach (var frame in touched)
        {
            reportedMissing.Add(frame.Position);
        }
        return new Finding(OracleRules.SegmentSplit, Severity.Fail,
            $"guest frame {delivered.Index} carries seq {start}..{unchecked(start + (uint)length)} ({length} bytes), which does not cover whole sent segments: it {string.Join(" and ", cuts)}",
            [delivered.Index], touched.Select(frame => frame.Index).ToArray());
    }

    /// <summary>The flow's bytes as delivered, in delivery order, must be the bytes sent, in send order.</summary>
    private void CheckByteStream(FlowKey key, List<SentInfo> flowSent, List<GuestInfo> flowGuest)
    {
        using var sentBytes = new MemoryStream();
        foreach (var frame in flowSent)
        {
            sentBytes.Write(frame.Packet.Payload);
        }
        using var guestBytes = new MemoryStream();
        foreach (var frame in flowGuest)
        {
            guestBytes.Write(frame.Payload);
        }
        var sentStream = sentBytes.GetBuffer().AsSpan(0, (int)sentBytes.Length);
        var guestStream = guestBytes.GetBuffer().AsSpan(0, (int)guestBytes.Length);
        if (sentStream.SequenceEqual(guestStream))
        {
            return;
        }
        int at = sentStream.CommonPrefixLength(guestStream);
        var sentAt = At(flowSent, frame => frame.PayloadLength, at);
        var guestAt = At(flowGuest, frame => frame.PayloadLength, at);
        _findings.Add(new Finding(OracleRules.ByteStream, Severity.Fail,
            $"flow {key}: the guest's byte stream ({guestStream.Length} bytes) differs from the sent one ({sentStream.Length} bytes) from byte {at} on" +
            $" ({(sentAt is null ? "past the sent data" : $"sent {sentAt.Index}")}, {(guestAt is null ? "past the delivered data" : $"guest frame {guestAt.Index}")})",
            guestAt is null ? [] : [guestAt.Index], sentAt is null ? [] : [sentAt.Index]));
    }

    /// <summary>The item whose payload holds byte <paramref name="offset"/> of the concatenation.</summary>
    private static T? At<T>(List<T> items, Func<T, int> length, long offset)
        where T : class
    {
        long end = 0;
        foreach (var item in items)
        {
            end += length(item);
            if (offset < end)
            {
                return item;
            }
        }
        return null;
    }

    private void Explain(int at, IReadOnlyList<int> sentFrames, FlowKey? flow, int segments, int dupAcks) =>
        _explanations[at] = new GuestExplanation(guest[at].Index, sentFrames, flow, segments, dupAcks);

    private string ObservationNote(SentInfo frame)
    {
        long due = frame.SentNs + settings.DrainIntervalNs + settings.LatencyToleranceNs;
        return observationEndNs < due
            ? $" (observation ended at {observationEndNs} ns, before its drain deadline {due} ns)"
            : $" (sent at {frame.SentNs} ns, observed until {observationEndNs} ns)";
    }

    private static string Shape(GuestInfo delivered) => delivered.Packet.Shape == PacketShape.Tcp
        ? $"seq {delivered.Packet.Seq}, ack {delivered.Packet.Ack}, {delivered.PayloadLength} bytes"
        : $"{delivered.Packet.Shape}{(delivered.Packet.MalformedReason is { } reason ? ": " + reason : "")}";

    private static string Range(int[] unit) =>
        unit.Length > 2 && unit[^1] - unit[0] == unit.Length - 1 ? $"{unit[0]}..{unit[^1]}" : string.Join(',', unit);
}
