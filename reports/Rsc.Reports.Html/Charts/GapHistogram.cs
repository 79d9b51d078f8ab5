using ScottPlot;

namespace Rsc.Reports.Html.Charts;

/// <summary>
/// A live run's pacing: how often each gap between consecutive sent frames was achieved, pooled over
/// every case. Gaps past the 99.9th percentile are counted in the title, not drawn, so one stall does
/// not flatten the picture.
/// </summary>
public static class GapHistogram
{
    public const int Width = 900;
    public const int Height = 320;
    private const int Bins = 60;

    public static Chart? Render(string runName, IReadOnlyList<long> gapsNs, long nominalSpacingNs)
    {
        // Drawn on the one drawing thread (see ChartThread).
        return ChartThread.Run(() => Draw(runName, gapsNs, nominalSpacingNs));
    }

    private static Chart? Draw(string runName, IReadOnlyList<long> gapsNs, long nominalSpacingNs)
    {
        ArgumentNullException.ThrowIfNull(gapsNs);
        if (gapsNs.Count == 0)
        {
            return null;
        }
        var sorted = gapsNs.Order().ToArray();
        long cut = sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * 0.999) - 1, 0, sorted.Length - 1)];
        long low = sorted[0];
        double binWidth = Math.Max(1, (cut - low) / (double)Bins);
        var counts = new double[Bins + 1];
        int beyond = 0;
        foreach (var g in sorted)
        {
            if (g > cut)
            {
                beyond++;
                continue;
            }
            counts[Math.Min(Bins, (int)((g - low) / binWidth))]++;
        }
        var positions = Enumerable.Range(0, Bins + 1).Select(i => (low + (i + 0.5) * binWidth) / 1000.0).ToArray();
        var plot = new Plot();
        var bars = plot.Add.Bars(positions, counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = binWidth / 1000.0 * 0.9;
            bar.FillColor = Colors.SteelBlue;
            bar.LineWidth = 0;
        }
        if (nominalSpacingNs > 0)
        {
            var line = plot.Add.VerticalLine(nominalSpacingNs / 1000.0);
            line.Color = Colors.DarkOrange;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"planned spacing {Site.Html.Us(nominalSpacingNs)} us";
            plot.ShowLegend();
        }
        plot.Axes.Margins(bottom: 0);
        plot.XLabel("gap between consecutive sent frames (us)");
        plot.YLabel("gaps");
        var median = sorted[sorted.Length / 2];
        plot.Title($"{runName}: {gapsNs.Count} gaps, median {Site.Html.Us(median)} us, max {Site.Html.Us(sorted[^1])} us"
            + (beyond > 0 ? $", {beyond} beyond {Site.Html.Us(cut)} us not drawn" : ""));
        return Chart.From($"Send gaps of {runName}", plot, Width, Height);
    }

    /// <summary>The gaps between consecutive actual send times of one case (frames never sent are skipped).</summary>
    public static IEnumerable<long> GapsOf(Rsc.Reports.Timeline.CaseTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        long? previous = null;
        foreach (var s in timeline.Sent)
        {
            if (s.SentNs is not { } t)
            {
                continue;
            }
            if (previous is { } p)
            {
                yield return t - p;
            }
            previous = t;
        }
    }
}
