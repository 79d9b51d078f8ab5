using ScottPlot;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Charts;

/// <summary>
/// For the drain-timer cases: each guest frame as a point (coalesced ones apart from those delivered
/// alone), how long its first segment was held (sent to delivered) against how many segments it merged, with the drain interval and the
/// tolerance the oracle allowed as vertical lines. A point right of the interval was held too long.
/// </summary>
public static class TimerChart
{
    public const int Width = 800;
    public const int Height = 320;

    public static Chart? Render(CaseTimeline timeline)
    {
        // Drawn on the one drawing thread (see ChartThread).
        return ChartThread.Run(() => Draw(timeline));
    }

    private static Chart? Draw(CaseTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var sentTimes = timeline.Sent.ToDictionary(s => s.Index, s => s.SentNs ?? s.DeadlineNs);
        var frames = timeline.Guest.Where(g => g.SentFrames is { Count: > 0 }).ToList();
        if (frames.Count == 0)
        {
            return null;
        }
        var held = new List<double>();
        var segments = new List<double>();
        var plot = new Plot();
        foreach (var coalesced in new[] { true, false })
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var g in frames.Where(g => g.IsCoalesced == coalesced))
            {
                long first = g.SentFrames!.Min(i => sentTimes.GetValueOrDefault(i, g.TimeNs));
                xs.Add((g.TimeNs - first) / 1000.0);
                ys.Add(Math.Max(g.ExpectedSegments ?? 0, 1));
            }
            if (xs.Count == 0)
            {
                continue;
            }
            held.AddRange(xs);
            segments.AddRange(ys);
            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            points.MarkerSize = coalesced ? 9 : 6;
            points.Color = coalesced ? Colors.ForestGreen : Colors.Gray;
            points.LegendText = coalesced ? "coalesced frame" : "frame delivered alone";
        }
        var interval = plot.Add.VerticalLine(timeline.DrainIntervalNs / 1000.0);
        interval.Color = Colors.DarkOrange;
        interval.LegendText = $"drain interval {Site.Html.Us(timeline.DrainIntervalNs)} us";
        if (timeline.LatencyToleranceNs > 0)
        {
            var tolerance = plot.Add.VerticalLine((timeline.DrainIntervalNs + timeline.LatencyToleranceNs) / 1000.0);
            tolerance.Color = Colors.Red;
            tolerance.LinePattern = LinePattern.Dashed;
            tolerance.LegendText = $"interval + tolerance {Site.Html.Us(timeline.DrainIntervalNs + timeline.LatencyToleranceNs)} us";
        }
        plot.Axes.SetLimitsX(0, Math.Max(held.Max(), (timeline.DrainIntervalNs + timeline.LatencyToleranceNs) / 1000.0) * 1.1);
        plot.Axes.SetLimitsY(0, segments.Max() + 1);
        plot.XLabel("first segment held before delivery (us)");
        plot.YLabel("segments in the frame");
        plot.Title($"{timeline.CaseId}: segments per frame against the drain interval");
        plot.ShowLegend();
        return Chart.From($"Segments per frame against the drain interval, {timeline.CaseId}", plot, Width, Height);
    }
}
