using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.Timeline;

/// <summary>
/// timeline.json: one case as it ran, in a form readers need not decode pcaps for: the plan (each
/// frame's deadline and TCP facts), when each frame was really sent, every guest frame with its
/// virtio header, and the oracle's alignment of guest frames to sent frames. Written by the run next
/// to the pcaps; property names are a contract (extend, never rename).
/// </summary>
public sealed record CaseTimeline
{
    public const string CurrentSchema = "rsc-timeline/1";
    public const string FileName = "timeline.json";

    public string Schema { get; init; } = CurrentSchema;

    public required string CaseId { get; init; }

    /// <summary>The clock the device ran on.</summary>
    public TimingMode? Timing { get; init; }

    public long DrainIntervalNs { get; init; }

    public long SpacingNs { get; init; }

    /// <summary>How late past the interval a frame may be before it is a latency finding (0 on virtual time).</summary>
    public long LatencyToleranceNs { get; init; }

    /// <summary>When the adapter stopped watching the guest side, ns from the start of the case; null without a capture.</summary>
    public long? ObservationEndNs { get; init; }

    /// <summary>True when the oracle judged the capture, so <see cref="TimelineGuestFrame.SentFrames"/> hold its alignment.</summary>
    public bool Aligned { get; init; }

    public IReadOnlyList<TimelineSentFrame> Sent { get; init; } = [];

    public IReadOnlyList<TimelineGuestFrame> Guest { get; init; } = [];
}

/// <summary>One planned frame: the plan's facts, and when it really went in (null if it never did).</summary>
/// <param name="Index">Its index in the plan; findings' sent frame indices refer to it.</param>
/// <param name="Label">The case's short description ("data 1448", "FIN").</param>
/// <param name="DeadlineNs">When the plan wanted it sent, ns from the start of the case.</param>
/// <param name="SentNs">When the adapter handed it to the device; null when it was never sent.</param>
/// <param name="Flow">The flow's name as the case gave it, or "-" for a frame without a readable TCP header.</param>
/// <param name="Seq">TCP sequence number; null without a readable TCP header (as are ack and flags).</param>
/// <param name="Flags">TCP flags as "ACK|PSH", or "none".</param>
/// <param name="Length">TCP payload bytes (null without TCP).</param>
/// <param name="FrameLength">The Ethernet frame's length.</param>
/// <param name="GuestFrame">The guest frame that delivered it, per the oracle; null when not delivered or not judged.</param>
public sealed record TimelineSentFrame(
    int Index,
    string Label,
    long DeadlineNs,
    long? SentNs,
    string Flow,
    uint? Seq,
    uint? Ack,
    string? Flags,
    int? Length,
    int FrameLength,
    int? GuestFrame);

/// <summary>One guest frame: when, its virtio header, its TCP facts, and the sent frames it covers.</summary>
/// <param name="SentFrames">Sent frame indices it delivers, per the oracle (empty: it matches nothing sent); null when not judged.</param>
/// <param name="ExpectedSegments">Data segments the oracle counts in it (what RSC_INFO's count must say); null when not judged.</param>
/// <param name="ExpectedDupAcks">Duplicate ACKs the oracle counts in it; null when not judged.</param>
public sealed record TimelineGuestFrame(
    int Index,
    long TimeNs,
    int Length,
    string VirtioFlags,
    string GsoType,
    int GsoSize,
    int? RscSegments,
    int? RscDupAcks,
    int HdrLen,
    int CsumStart,
    int CsumOffset,
    int NumBuffers,
    string Flow,
    uint? Seq,
    uint? Ack,
    string? Flags,
    int? PayloadLength,
    IReadOnlyList<int>? SentFrames,
    int? ExpectedSegments,
    int? ExpectedDupAcks)
{
    /// <summary>The oracle saw more than one sent frame in it.</summary>
    public bool IsCoalesced => SentFrames is { Count: > 1 };
}
