namespace Rsc.Harness.Oracle.Internal.Aligning;

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

/// <summary>A run [start, End) for a guest frame, with its reading's score.</summary>
internal readonly record struct Candidate(int End, ReadingScore Score)
{
    public int Penalty => Score.Penalty;
    public int Contradictions => Score.Contradictions;
}
