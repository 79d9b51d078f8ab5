using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Running;
using Rsc.Reports;
using Rsc.Reports.Timeline;

namespace Rsc.Harness.Reporting;

/// <summary>Turns a <see cref="CaseResult"/> into its timeline.json; null when the case never built its traffic.</summary>
public static class TimelineMapping
{
    public static CaseTimeline? ToTimeline(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Plan is not { } plan)
        {
            return null;
        }
        var names = new FlowNames(plan);
        var alignment = result.Judgement?.Alignment;
        var sentTimes = result.Capture?.Sent.ToDictionary(s => s.Index, s => s.SentNs) ?? [];
        var sent = new List<TimelineSentFrame>(plan.Frames.Count);
        foreach (var f in plan.Frames)
        {
            var s = FrameSummary.Of(f.Frame, names);
            var p = s.Packet;
            sent.Add(new TimelineSentFrame(
                f.Index,
                f.Label,
                f.OffsetNs,
                sentTimes.TryGetValue(f.Index, out var at) ? at : null,
                s.Flow,
                s.HasTcp ? p.Seq : null,
                s.HasTcp ? p.Ack : null,
                s.HasTcp ? s.Flags : null,
                s.HasTcp ? p.PayloadLength : null,
                f.Frame.Length,
                alignment?.GuestFrameOf(f.Index)));
        }
        var guest = new List<TimelineGuestFrame>(result.Capture?.Guest.Count ?? 0);
        foreach (var g in result.Capture?.Guest ?? [])
        {
            var s = FrameSummary.Of(g.Frame, names);
            var p = s.Packet;
            var h = g.Header;
            var e = alignment?.ExplanationOf(g.Index);
            guest.Add(new TimelineGuestFrame(
                g.Index,
                g.TimeNs,
                g.Frame.Length,
                VirtioNetHeader.FlagsText(h.Flags),
                GuestJsonl.GsoTypeText(h.GsoType),
                h.GsoSize,
                h.RscSegments,
                h.RscDupAcks,
                h.HeaderLength,
                h.CsumStart,
                h.CsumOffset,
                h.NumBuffers,
                s.Flow,
                s.HasTcp ? p.Seq : null,
                s.HasTcp ? p.Ack : null,
                s.HasTcp ? s.Flags : null,
                s.HasTcp ? p.PayloadLength : null,
                alignment is null ? null : e?.SentFrames ?? [],
                e?.ExpectedSegments,
                e?.ExpectedDupAcks));
        }
        return new CaseTimeline
        {
            CaseId = result.Case.Id,
            Timing = result.Capture?.Timing,
            DrainIntervalNs = result.DrainIntervalNs,
            SpacingNs = result.SpacingNs,
            LatencyToleranceNs = result.LatencyToleranceNs,
            ObservationEndNs = result.Capture?.ObservationEndNs,
            Aligned = alignment is not null,
            Sent = sent,
            Guest = guest,
        };
    }
}
