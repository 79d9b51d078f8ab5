using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Oracle.Internal.Aligning;

/// <summary>
/// The runs a guest frame of a flow may be read as, each with its <see cref="ReadingScore"/>. From a
/// start, a frame with data covers exactly its payload, plus any pure ACKs after it; a frame without
/// data is a pure ACK and any that follow. Cached per (guest frame, start).
/// </summary>
internal sealed class ReadingCandidates(IReadOnlyList<SentInfo> sent, IReadOnlyList<GuestInfo> guest, RunStarts starts, OracleSettings settings)
{
    /// <summary>Trailing pure ACKs a unit may reach when the frame reports its own dup-ACK count (at least that count plus 8).</summary>
    public const int MaxTrailing = 256;

    /// <summary>Trailing pure ACKs a unit may reach when the frame carries no RSC_INFO.</summary>
    public const int MaxTrailingUncounted = 32;

    private readonly Dictionary<(int Guest, int Start), List<Candidate>> _ends = [];
    private readonly Dictionary<(int Guest, int Anchor), int> _bestContradictions = [];

    /// <summary>
    /// The runs from <paramref name="start"/> worth considering for guest frame <paramref name="frame"/>:
    /// among the runs that share its data (or, for a frame without data, its start), only those whose
    /// header matches the guest frame best. Pure ACKs at a run's edges are placed by the header first;
    /// losses and order only decide between equally good matches.
    /// </summary>
    public IEnumerable<Candidate> Best(int frame, int start)
    {
        var ends = All(frame, start);
        if (ends.Count == 0)
        {
            return ends;
        }
        bool hasData = guest[frame].PayloadLength > 0;
        int anchor = hasData ? FirstData(start) : start;
        if (!_bestContradictions.TryGetValue((frame, anchor), out int best))
        {
            best = int.MaxValue;
            int from = hasData ? Math.Max(0, anchor - RunStarts.MaxLeading) : anchor;
            var possible = starts.Of(frame);
            for (int at = RunStarts.LowerBound(possible, from); at < possible.Length && possible[at] <= anchor; at++)
            {
                if (possible[at] == anchor || FirstData(possible[at]) == anchor)
                {
                    foreach (var candidate in All(frame, possible[at]))
                    {
                        best = Math.Min(best, candidate.Contradictions);
                    }
                }
            }
            _bestContradictions[(frame, anchor)] = best;
        }
        return ends.Where(candidate => candidate.Contradictions == best);
    }

    /// <summary>Every run from <paramref name="start"/> guest frame <paramref name="frame"/> may be read as, shortest first.</summary>
    public List<Candidate> All(int frame, int start)
    {
        if (_ends.TryGetValue((frame, start), out var cached))
        {
            return cached;
        }
        var list = new List<Candidate>();
        _ends[(frame, start)] = list;
        var delivered = guest[frame];
        var run = new UnitBuilder(sent, start);
        if (IsPlainCopyOf(delivered, sent[start]))
        {
            // Any longer run would be coalesced and the frame would have to say so; the copy wins.
            run.Append();
            list.Add(Score(delivered, run, new MergedPayload()));
            return list;
        }
        if (delivered.PayloadLength > 0)
        {
            long covered = 0;
            while (run.CanAppend && covered < delivered.PayloadLength)
            {
                covered += run.Next.PayloadLength;
                run.Append();
            }
            if (covered != delivered.PayloadLength)
            {
                return list;
            }
        }
        else
        {
            if (sent[start].HasData)
            {
                return list;
            }
            run.Append();
        }
        // Every end shares the run's data: its payload is compared once.
        var payload = new MergedPayload();
        list.Add(Score(delivered, run, payload));
        // The device's own dup-ACK count says how far a unit of many pure ACKs may reach; without
        // one, a frame is not stretched over more than a few dozen identical ACKs.
        int maxTrailing = delivered.Frame.Header.RscDupAcks is { } dupAcks ? Math.Max(MaxTrailing, dupAcks + 8) : MaxTrailingUncounted;
        for (int trailing = 0; trailing < maxTrailing && run.CanAppend && !run.Next.HasData; trailing++)
        {
            run.Append();
            list.Add(Score(delivered, run, payload));
        }
        return list;
    }

    /// <summary>The score of reading guest frame <paramref name="frame"/> as run [<paramref name="start"/>, <paramref name="end"/>), or null when it is no candidate.</summary>
    public ReadingScore? ScoreOf(int frame, int start, int end)
    {
        foreach (var candidate in All(frame, start))
        {
            if (candidate.End == end)
            {
                return candidate.Score;
            }
        }
        return null;
    }

    /// <summary>The first position from <paramref name="position"/> on that carries data.</summary>
    public int FirstData(int position)
    {
        while (position < sent.Count && !sent[position].HasData)
        {
            position++;
        }
        return position;
    }

    private Candidate Score(GuestInfo delivered, UnitBuilder run, MergedPayload payload) =>
        new(run.End, ReadingScore.Of(new UnitView(delivered, run.Summary(), settings, payload)));

    /// <summary>An unmarked byte-for-byte copy of a sent frame, on a device that reports RSC counts.</summary>
    private bool IsPlainCopyOf(GuestInfo delivered, SentInfo segment) =>
        settings.Capabilities.ExcuseFor(OracleRules.RscInfo) is null &&
        !delivered.Frame.Header.HasRscInfo &&
        delivered.Frame.Header.GsoType == VirtioGsoType.None &&
        segment.Frame.AsSpan().SequenceEqual(delivered.Frame.Frame);
}
