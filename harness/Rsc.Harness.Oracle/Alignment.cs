using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle;

/// <summary>
/// How the oracle explains one guest frame: the run of sent frames (consecutive within their flow)
/// that it delivers, and the counts those imply. Built from the traffic alone, never from the device.
/// </summary>
/// <param name="GuestIndex">Index of the guest frame.</param>
/// <param name="SentFrames">Sent frame indices merged into it, in send order; empty if it matches nothing sent.</param>
/// <param name="Flow">Its flow, when it is a readable TCP segment.</param>
/// <param name="ExpectedSegments">Data segments it carries (what RSC_INFO's segment count must say when coalesced).</param>
/// <param name="ExpectedDupAcks">Duplicate ACKs absorbed into it (what the dup-ACK count must say).</param>
public sealed record GuestExplanation(
    int GuestIndex,
    IReadOnlyList<int> SentFrames,
    FlowKey? Flow,
    int ExpectedSegments,
    int ExpectedDupAcks)
{
    /// <summary>More than one sent frame went into it.</summary>
    public bool IsCoalesced => SentFrames.Count > 1;
}

/// <summary>The oracle's mapping between both sides of a run.</summary>
public sealed class Alignment
{
    private readonly Dictionary<int, int> _guestOfSent = [];
    private readonly Dictionary<int, GuestExplanation> _byGuestIndex = [];

    public Alignment(IReadOnlyList<GuestExplanation> guest)
    {
        ArgumentNullException.ThrowIfNull(guest);
        Guest = guest;
        foreach (var explanation in guest)
        {
            _byGuestIndex.TryAdd(explanation.GuestIndex, explanation);
            foreach (var sent in explanation.SentFrames)
            {
                _guestOfSent.TryAdd(sent, explanation.GuestIndex);
            }
        }
    }

    public IReadOnlyList<GuestExplanation> Guest { get; }

    /// <summary>The guest frame that delivered sent frame <paramref name="sentIndex"/>, if any.</summary>
    public int? GuestFrameOf(int sentIndex) => _guestOfSent.TryGetValue(sentIndex, out var guestIndex) ? guestIndex : null;

    /// <summary>The explanation of guest frame <paramref name="guestIndex"/>, if there is such a frame.</summary>
    public GuestExplanation? ExplanationOf(int guestIndex) => _byGuestIndex.TryGetValue(guestIndex, out var explanation) ? explanation : null;
}
