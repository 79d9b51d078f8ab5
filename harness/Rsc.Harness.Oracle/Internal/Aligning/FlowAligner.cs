namespace Rsc.Harness.Oracle.Internal.Aligning;

/// <summary>
/// Explains the guest frames of one flow as runs of consecutive sent frames. A layered shortest-path
/// search over (guest frame, next sent frame) picks the explanation with the lowest total: lost
/// frames, stray guest frames and every chosen reading's <see cref="ReadingScore"/>. A beam keeps the
/// most promising states of each layer. Frames the ordered search leaves unexplained are then placed
/// out of order, as repeats, or not at all (<see cref="StrayPlacement"/>).
/// </summary>
internal sealed class FlowAligner
{
    /// <summary>Possible starts tried from each state, nearest first.</summary>
    private const int NearestStarts = 3;

    /// <summary>States kept per layer.</summary>
    private const int BeamWidth = 32;

    private readonly IReadOnlyList<SentInfo> _sent;
    private readonly IReadOnlyList<GuestInfo> _guest;
    private readonly RunStarts _starts;
    private readonly ReadingCandidates _candidates;

    public FlowAligner(IReadOnlyList<SentInfo> sent, IReadOnlyList<GuestInfo> guest, OracleSettings settings)
    {
        _sent = sent;
        _guest = guest;
        _starts = new RunStarts(sent, guest);
        _candidates = new ReadingCandidates(sent, guest, _starts, settings);
    }

    public UnitChoice?[] Choices { get; private set; } = [];

    /// <summary>Per sent position: some guest frame delivers it.</summary>
    public bool[] Covered { get; private set; } = [];

    public void Align()
    {
        int guestCount = _guest.Count;
        int sentCount = _sent.Count;
        var layers = new List<Dictionary<int, SearchState>>(guestCount + 1) { new() { [0] = new SearchState(0, -1, -1) } };
        for (int frame = 0; frame < guestCount; frame++)
        {
            var next = new Dictionary<int, SearchState>();
            foreach (var (position, state) in layers[frame])
            {
                var starts = _starts.Of(frame);
                int nearest = RunStarts.LowerBound(starts, position);
                for (int tried = 0; tried < NearestStarts && nearest + tried < starts.Length; tried++)
                {
                    int start = starts[nearest + tried];
                    foreach (var candidate in _candidates.Best(frame, start))
                    {
                        long total = state.Total + ((long)ReadingScore.LostWeight * (start - position)) + candidate.Penalty;
                        Relax(next, candidate.End, new SearchState(total, position, start));
                    }
                }
                Relax(next, position, new SearchState(state.Total + ReadingScore.StrayWeight, position, -1));
            }
            layers.Add(Prune(next, frame + 1));
        }

        int bestPosition = -1;
        long bestTotal = long.MaxValue;
        foreach (var (position, state) in layers[guestCount])
        {
            long total = state.Total + ((long)ReadingScore.LostWeight * (sentCount - position));
            if (total < bestTotal || (total == bestTotal && position > bestPosition))
            {
                bestTotal = total;
                bestPosition = position;
            }
        }

        var choices = new UnitChoice?[guestCount];
        int current = bestPosition;
        for (int frame = guestCount; frame > 0; frame--)
        {
            var state = layers[frame][current];
            if (state.Start >= 0)
            {
                choices[frame - 1] = new UnitChoice(state.Start, current, ChoiceKind.InOrder);
            }
            current = state.Previous;
        }

        var covered = new bool[sentCount];
        foreach (var choice in choices)
        {
            if (choice is { } unit)
            {
                Array.Fill(covered, true, unit.Start, unit.End - unit.Start);
            }
        }
        new StrayPlacement(_sent, _starts, _candidates).Place(choices, covered);
        Choices = choices;
        Covered = covered;
    }

    private static void Relax(Dictionary<int, SearchState> layer, int position, SearchState candidate)
    {
        if (!layer.TryGetValue(position, out var existing) || candidate.Total < existing.Total)
        {
            layer[position] = candidate;
        }
    }

    /// <summary>
    /// Keeps the most promising states: total so far plus the frames the next guest frame would
    /// have to skip to reach its nearest possible start (or everything left, after the last one).
    /// </summary>
    private Dictionary<int, SearchState> Prune(Dictionary<int, SearchState> layer, int nextFrame)
    {
        if (layer.Count <= BeamWidth)
        {
            return layer;
        }
        long Outlook(int position)
        {
            if (nextFrame >= _guest.Count)
            {
                return (long)ReadingScore.LostWeight * (_sent.Count - position);
            }
            var starts = _starts.Of(nextFrame);
            int nearest = RunStarts.LowerBound(starts, position);
            return nearest < starts.Length ? Math.Min((long)ReadingScore.LostWeight * (starts[nearest] - position), ReadingScore.StrayWeight) : ReadingScore.StrayWeight;
        }
        return layer
            .Select(entry => (Position: entry.Key, State: entry.Value, Outlook: entry.Value.Total + Outlook(entry.Key)))
            .OrderBy(entry => entry.Outlook)
            .ThenBy(entry => entry.Position)
            .Take(BeamWidth)
            .ToDictionary(entry => entry.Position, entry => entry.State);
    }

    /// <summary>Best way found to reach a state: its total, the previous state's next-sent position, and the run's start (-1: guest frame unexplained).</summary>
    private readonly record struct SearchState(long Total, int Previous, int Start);
}
