using ScottPlot;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Charts;

/// <summary>
/// One case on one time axis: the segments sent (top row), the frames the guest got (bottom row),
/// a bar from each coalesced frame's first segment to its delivery (the coalesced span) and a tick
/// where the drain interval ran out for it, so a late or oversized unit shows at a glance.
/// </summary>
public static class TimelineChart
{
    public const int Width = 1000;
    public const int Height = 330;

    private const double SentRow = 2;
    private const double GuestRow = 1;
    private const double SpanRow = 1.5;

    public static Chart? Render(CaseTimeline timeline)
    {
        // Drawn on the one drawing thread (see ChartThread).
        return ChartThread.Run(() => Draw(timeline));
    }

    private static Chart? Draw(CaseTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Sent.Count == 0 && timeline.Guest.Count == 0)
        {
            return null;
        }
        var plot = new Plot();
        var sentTimes = timeline.Sent.ToDictionary(s => s.Index, s => s.SentNs ?? s.DeadlineNs);

        var delivered = timeline.Sent.Where(s => s.GuestFrame is not null || !timeline.Aligned).ToList();
        var lost = timeline.Sent.Where(s => s.GuestFrame is null && timeline.Aligned).ToList();
        AddPoints(plot, delivered.Select(s => Us(sentTimes[s.Index])), SentRow, Colors.SteelBlue, MarkerShape.VerticalBar, 16, "segment sent");
        AddPoints(plot, lost.Select(s => Us(sentTimes[s.Index])), SentRow, Colors.Red, MarkerShape.Eks, 12, "sent, never delivered");

        var coalesced = timeline.Guest.Where(g => g.IsCoalesced).ToList();
        var single = timeline.Guest.Where(g => !g.IsCoalesced).ToList();
        AddPoints(plot, single.Select(g => Us(g.TimeNs)), GuestRow, Colors.Gray, MarkerShape.FilledCircle, 8, "frame delivered alone");
        AddPoints(plot, coalesced.Select(g => Us(g.TimeNs)), GuestRow, Colors.ForestGreen, MarkerShape.FilledDiamond, 11, "coalesced frame");

        // One line object with NaN breaks draws every span: thousands of frames stay one SVG path.
        var spanXs = new List<double>(coalesced.Count * 3);
        var spanYs = new List<double>(coalesced.Count * 3);
        var deadlines = new List<double>(coalesced.Count);
        foreach (var g in coalesced)
        {
            long first = g.SentFrames!.Min(i => sentTimes.GetValueOrDefault(i, g.TimeNs));
            spanXs.AddRange([Us(first), Us(g.TimeNs), double.NaN]);
            spanYs.AddRange([SpanRow, SpanRow, double.NaN]);
            deadlines.Add(Us(first + timeline.DrainIntervalNs));
        }
        if (spanXs.Count > 0)
        {
            var spans = plot.Add.ScatterLine(spanXs.ToArray(), spanYs.ToArray());
            spans.LineWidth = 5;
            spans.Color = Colors.ForestGreen.WithAlpha(0.45);
            spans.LegendText = "coalesced span (first segment sent to delivery)";
            AddPoints(plot, deadlines, SpanRow, Colors.DarkOrange, MarkerShape.VerticalBar, 22, $"drain interval ({Site.Html.Us(timeline.DrainIntervalNs)} us) after the first segment");
        }

        plot.Axes.Left.SetTicks([GuestRow, SentRow], ["guest", "sent"]);
        plot.Axes.SetLimitsY(0.5, 2.5);
        plot.XLabel("time since the case started (us)");
        plot.Title($"{timeline.CaseId}: {timeline.Sent.Count} sent, {timeline.Guest.Count} delivered, {coalesced.Count} coalesced");
        plot.Legend.FontSize = 11;
        plot.ShowLegend(Edge.Bottom);
        return Chart.From($"Timeline of {timeline.CaseId}", plot, Width, Height);
    }

    private static void AddPoints(Plot plot, IEnumerable<double> xs, double row, Color color, MarkerShape shape, float size, string legend)
    {
        var x = xs.ToArray();
        if (x.Length == 0)
        {
            return;
        }
        var y = new double[x.Length];
        Array.Fill(y, row);
        var points = plot.Add.ScatterPoints(x, y);
        points.MarkerShape = shape;
        points.MarkerSize = size;
        points.Color = color;
        points.LegendText = legend;
    }

    private static double Us(long ns) => ns / 1000.0;
}
