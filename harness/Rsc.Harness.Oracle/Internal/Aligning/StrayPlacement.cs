namespace Rsc.Harness.Oracle.Internal.Aligning;

/// <summary>
/// Places the guest frames the ordered search left unexplained: frames delivered out of the flow's
/// order, frames whose pure ACKs a neighbour only absorbed at its edge, and repeats.
/// </summary>
internal sealed class StrayPlacement(IReadOnlyList<SentInfo> sent, RunStarts starts, ReadingCandidates candidates)
{
    /// <summary>Possible starts looked at per stray frame.</summary>
    private const int MaxStarts = 256;

    public void Place(UnitChoice?[] choices, bool[] covered)
    {
        for (int frame = 0; frame < choices.Length; frame++)
        {
            if (choices[frame] is not null)
            {
                continue;
            }
            var choice = Fresh(frame, covered, bestOnly: true) ?? TakeBackEdge(choices, frame) ?? Fresh(frame, covered, bestOnly: false);
            if (choice is { } unit)
            {
                Array.Fill(covered, true, unit.Start, unit.End - unit.Start);
                choices[frame] = unit with { Kind = InOrder(choices, frame, unit) ? ChoiceKind.InOrder : ChoiceKind.OutOfOrder };
                continue;
            }
            choices[frame] = Repeat(frame, covered);
        }
    }

    private IEnumerable<(int Start, Candidate Candidate)> Readings(int frame, bool bestOnly)
    {
        int tried = 0;
        foreach (var start in starts.Of(frame))
        {
            if (tried++ >= MaxStarts)
            {
                yield break;
            }
            foreach (var candidate in bestOnly ? candidates.Best(frame, start) : candidates.All(frame, start))
            {
                yield return (start, candidate);
            }
        }
    }

    /// <summary>The best run for guest frame <paramref name="frame"/> that no other guest frame delivered.</summary>
    private UnitChoice? Fresh(int frame, bool[] covered, bool bestOnly)
    {
        UnitChoice? best = null;
        int bestPenalty = int.MaxValue;
        foreach (var (start, candidate) in Readings(frame, bestOnly))
        {
            if (candidate.Penalty < bestPenalty && Array.IndexOf(covered, true, start, candidate.End - start) < 0)
            {
                bestPenalty = candidate.Penalty;
                best = new UnitChoice(start, candidate.End, ChoiceKind.OutOfOrder);
            }
        }
        return best;
    }

    /// <summary>The best run for guest frame <paramref name="frame"/> that other guest frames already delivered whole.</summary>
    private UnitChoice? Repeat(int frame, bool[] covered)
    {
        UnitChoice? best = null;
        int bestPenalty = int.MaxValue;
        foreach (var (start, candidate) in Readings(frame, bestOnly: true))
        {
            if (candidate.Penalty < bestPenalty && Array.IndexOf(covered, false, start, candidate.End - start) < 0)
            {
                bestPenalty = candidate.Penalty;
                best = new UnitChoice(start, candidate.End, ChoiceKind.Duplicate);
            }
        }
        return best;
    }

    /// <summary>
    /// A stray whose best run overlaps another frame's run only in pure ACKs at that run's edge,
    /// which nothing in that frame pins there: the other frame gives them back.
    /// </summary>
    private UnitChoice? TakeBackEdge(UnitChoice?[] choices, int frame)
    {
        foreach (var (start, candidate) in Readings(frame, bestOnly: true))
        {
            if (candidate.Contradictions > 0)
            {
                continue; // only a frame that matches the run exactly may claim it back
            }
            int end = candidate.End;
            for (int holder = 0; holder < choices.Length; holder++)
            {
                if (holder == frame || choices[holder] is not { } other || other.Kind == ChoiceKind.Duplicate)
                {
                    continue;
                }
                UnitChoice shrunk;
                if (start <= other.Start && end > other.Start && end < other.End)
                {
                    shrunk = other with { Start = end };
                }
                else if (start > other.Start && start < other.End && end >= other.End)
                {
                    shrunk = other with { End = start };
                }
                else
                {
                    continue;
                }
                int overlapFrom = Math.Max(start, other.Start);
                int overlapTo = Math.Min(end, other.End);
                if (!OnlyPureAcks(overlapFrom, overlapTo) || !RestUncoveredOrIn(choices, frame, holder, start, end))
                {
                    continue;
                }
                var current = candidates.ScoreOf(holder, other.Start, other.End);
                var after = candidates.ScoreOf(holder, shrunk.Start, shrunk.End);
                if (current is { } before && after is { } then && then.Penalty <= before.Penalty)
                {
                    choices[holder] = shrunk;
                    return new UnitChoice(start, end, ChoiceKind.OutOfOrder);
                }
            }
        }
        return null;
    }

    private bool OnlyPureAcks(int from, int to)
    {
        for (int position = from; position < to; position++)
        {
            if (sent[position].HasData)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Every frame of [start, end) is either in guest frame <paramref name="holder"/>'s run or in no run at all.</summary>
    private static bool RestUncoveredOrIn(UnitChoice?[] choices, int frame, int holder, int start, int end)
    {
        for (int other = 0; other < choices.Length; other++)
        {
            if (other != frame && other != holder && choices[other] is { } choice && choice.Start < end && start < choice.End)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>No frame delivered before guest frame <paramref name="frame"/> holds later-sent frames, and none delivered after it earlier ones.</summary>
    private static bool InOrder(UnitChoice?[] choices, int frame, UnitChoice unit)
    {
        for (int other = 0; other < choices.Length; other++)
        {
            if (other == frame || choices[other] is not { Kind: not ChoiceKind.Duplicate } choice)
            {
                continue;
            }
            if ((other < frame && choice.Start > unit.Start) || (other > frame && choice.Start < unit.Start))
            {
                return false;
            }
        }
        return true;
    }
}
