using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Oracle;
using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Harness.Reporting;

/// <summary>
/// The verbose account of one case, as `rsc repro` prints it and wire.log keeps it: the case, the
/// timing, every frame sent (scheduled vs sent), every guest frame with its virtio header, TCP
/// summary and the sent frames it covers, each finding beside the guest frames it concerns, the
/// findings again as a list, and the outcome.
/// </summary>
public static class WireLog
{
    public static string Render(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var names = new FlowNames(result.Plan);
        WriteHeader(text, result);
        WriteTraffic(text, result, names);
        WriteGuest(text, result, names);
        WriteFindings(text, result);
        WriteTail(text, result);
        return text.ToString();
    }

    /// <summary>Microseconds with three decimals, for aligned table columns.</summary>
    public static string Microseconds(long ns) => (ns / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Microseconds without trailing zeros, for prose ("300 us", "37.5 us").</summary>
    public static string Us(long ns) => (ns / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + " us";

    private static void WriteHeader(StringBuilder text, CaseResult r)
    {
        var c = r.Case;
        text.Append(c.Id).Append("  ").Append(c.Title).Append('\n');
        var table = new TextTable("", "");
        table.Add("level", c.Level.ToString());
        table.Add("source", c.Source);
        table.Add("requirement", OneLine(c.Requirement));
        table.Add("traffic", OneLine(c.Description));
        table.Add("timing", $"drain interval {Us(r.DrainIntervalNs)}{Pinned(c.DrainIntervalNs)}, spacing {Us(r.SpacingNs)}{Pinned(c.SpacingNs)}");
        if (r.Device is { } d)
        {
            var parameters = string.Join(", ", d.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            table.Add("device", $"{d.Name} ({d.Kind} {d.Version}, {d.Timing.ToString().ToLowerInvariant()} time{(parameters.Length > 0 ? "; " + parameters : "")})");
        }
        if (r.Plan is { Parameters.Count: > 0 } plan)
        {
            table.Add("parameters", string.Join(", ", plan.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
        }
        // Skip the empty header row of the two-column layout.
        var lines = table.Render("  ").Split('\n', 2);
        text.Append(lines[1]).Append('\n');
    }

    private static void WriteTraffic(StringBuilder text, CaseResult r, FlowNames names)
    {
        if (r.Plan is not { } plan)
        {
            return;
        }
        var sentByIndex = r.Capture?.Sent.ToDictionary(s => s.Index) ?? [];
        text.Append($"Traffic: {plan.Frames.Count} frame(s), nominal spacing {Us(plan.SpacingNs)}\n");
        var table = new TextTable("#", "DUE us", "SENT us", "LABEL", "FLOW", "SEQ", "ACK", "LEN", "FLAGS", "WIN", "IPID", "TTL", "NOTES")
            .AlignRight(0, 1, 2, 5, 6, 7, 9, 10, 11);
        foreach (var f in plan.Frames)
        {
            var s = FrameSummary.Of(f.Frame, names);
            var sent = sentByIndex.TryGetValue(f.Index, out var sf) ? Microseconds(sf.SentNs) : "-";
            var guest = r.Judgement?.Alignment.GuestFrameOf(f.Index) is { } g ? $"-> g{g}" : r.Judgement is null ? "" : "-> not delivered";
            var notes = string.Join(' ', new[] { s.Extras, guest }.Where(x => x.Length > 0));
            table.Add(
                f.Index.ToString(CultureInfo.InvariantCulture), Microseconds(f.OffsetNs), sent, f.Label, s.Flow,
                s.Seq, s.Ack, s.Length, s.Flags, s.Window, s.IpId, s.Ttl, notes);
        }
        text.Append(table.Render("  ")).Append('\n');
    }

    private static void WriteGuest(StringBuilder text, CaseResult r, FlowNames names)
    {
        if (r.Capture is not { } capture)
        {
            return;
        }
        text.Append($"Guest: {capture.Guest.Count} frame(s), watched until {Us(capture.ObservationEndNs)} ({capture.Timing.ToString().ToLowerInvariant()} time)\n");
        var explanations = r.Judgement?.Alignment.Guest.ToDictionary(g => g.GuestIndex) ?? [];
        foreach (var g in capture.Guest)
        {
            text.Append($"  g{g.Index}  t={Us(g.TimeNs)}  {g.Frame.Length} bytes");
            if (explanations.TryGetValue(g.Index, out var e))
            {
                text.Append(e.SentFrames.Count == 0
                    ? "  <- matches nothing sent"
                    : $"  <- sent {string.Join(',', e.SentFrames)} (expected {e.ExpectedSegments} segment(s), {e.ExpectedDupAcks} dup ACK(s))");
            }
            text.Append('\n');
            text.Append("      virtio  ").Append(g.Header.ToString()).Append('\n');
            text.Append("      frame   ").Append(FrameSummary.Of(g.Frame, names).ToString()).Append('\n');
            foreach (var f in r.Findings.Where(f => f.GuestFrames.Contains(g.Index)))
            {
                text.Append($"      {Mark(f)}  {f.Rule}: {OneLine(f.Message)}\n");
            }
        }
        text.Append('\n');
    }

    private static void WriteFindings(StringBuilder text, CaseResult r)
    {
        if (r.Findings.Count == 0)
        {
            if (r.Judgement is not null)
            {
                text.Append("Findings: none\n\n");
            }
            return;
        }
        text.Append($"Findings: {r.Findings.Count}\n");
        foreach (var f in r.Findings)
        {
            text.Append("  ").Append(OneLine(f.ToString())).Append('\n');
        }
        text.Append('\n');
    }

    private static void WriteTail(StringBuilder text, CaseResult r)
    {
        if (r.Capture is { } capture)
        {
            if (capture.Statistics is { } s)
            {
                text.Append($"Statistics: coalescedPackets={s.CoalescedPackets} coalescedOctets={s.CoalescedOctets} coalesceEvents={s.CoalesceEvents} aborts={s.Aborts}\n");
                if (s.Detail.Count > 0)
                {
                    text.Append("  ").Append(string.Join(' ', s.Detail.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"))).Append('\n');
                }
            }
            var p = capture.Pacing;
            text.Append($"Pacing: mean gap {Us((long)Math.Round(p.MeanGapNs))}, p50 {Us(p.P50GapNs)}, p99 {Us(p.P99GapNs)}, max {Us(p.MaxGapNs)}, max lateness {Us(p.MaxLatenessNs)}\n");
            if (capture.WirePacing is { } w)
            {
                text.Append($"Pacing on the wire ({w.Frames} frames in wire.pcap, kernel timestamps): mean gap {Us((long)Math.Round(w.MeanGapNs))}, p50 {Us(w.P50GapNs)}, p99 {Us(w.P99GapNs)}, max {Us(w.MaxGapNs)}\n");
            }
            if (capture.Conditions is { } rt)
            {
                text.Append($"Real time: host steal up to {Us(rt.HostStealNs)}, {rt.SourceStampedGuestFrames} guest frames stamped at source (read up to {Us(rt.GuestReadLagMaxNs)} later), latency tolerance {Us(r.LatencyToleranceNs)}\n");
            }
            foreach (var note in capture.Notes)
            {
                text.Append("Note: ").Append(OneLine(note)).Append('\n');
            }
        }
        if (r.Error is { } error)
        {
            text.Append("Error: ").Append(OneLine(error)).Append('\n');
        }
        text.Append($"Outcome: {r.Outcome} ({r.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms)\n");
    }

    private static string Mark(Finding f) => f.Severity switch
    {
        Severity.Fail => "FAIL     ",
        Severity.NonStrict => "NONSTRICT",
        _ when f.Excuse is not null => "EXCUSED  ",
        _ => "INFO     ",
    };

    private static string Pinned(long? caseValue) => caseValue is null ? "" : " (pinned by the case)";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
