using System.Globalization;
using System.Text;
using Rsc.Harness.Core.Capture;
using Rsc.Reports.Html.Charts;

namespace Rsc.Reports.Html.Site;

/// <summary>One run: the device (parameters, capabilities, excused rules), settings, environment, completeness, and on a real clock the histogram of achieved send gaps.</summary>
public static class RunPage
{
    public static string Render(RunColumn column, Chart? gapHistogram)
    {
        ArgumentNullException.ThrowIfNull(column);
        var d = column.Run.Document;
        var body = new StringBuilder();
        body.Append("<h1>").Append(Html.Encode(column.Heading)).Append("</h1>\n");
        if (column.Run.Incomplete)
        {
            body.Append("<div class=\"incomplete\"><strong>Incomplete run.</strong> ").Append(Html.Encode(IndexPage.Completeness(column.Run))).Append("</div>\n");
        }
        body.Append("<dl class=\"facts\">\n");
        Fact(body, "outcomes", IndexPage.Counts(column.Run));
        Fact(body, "device", $"{d.Dut.Name} ({string.Join(" ", new[] { d.Dut.Kind, d.Dut.Version }.Where(x => x is not null))})");
        Fact(body, "clock", d.Dut.Timing?.ToString() ?? "unknown");
        if (d.Dut.Parameters.Count > 0)
        {
            Fact(body, "device parameters", string.Join(", ", d.Dut.Parameters.Select(p => $"{p.Key}={p.Value}")));
        }
        Fact(body, "interval / spacing", string.Create(CultureInfo.InvariantCulture, $"{d.Settings.IntervalUs:0.###} us / {d.Settings.SpacingUs:0.###} us"));
        if (d.Settings.LatencyAllowanceUs is { } allowance)
        {
            Fact(body, "latency allowance", string.Create(CultureInfo.InvariantCulture, $"{allowance:0.###} us"));
        }
        if (d.Settings.CaseFilter.Count > 0)
        {
            Fact(body, "selection", string.Join(" ", d.Settings.CaseFilter));
        }
        Fact(body, "started", d.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        Fact(body, "finished", d.FinishedUtc is { } f ? f.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "not recorded");
        Fact(body, "tool", $"{d.Tool.Name} {d.Tool.Version}");
        Fact(body, "machine", $"{d.Environment.Machine}, {d.Environment.Os}, {d.Environment.Runtime}, {d.Environment.ProcessorCount} CPU(s)");
        Fact(body, "run folder", column.Run.Folder);
        body.Append("</dl>\n");

        if (d.Dut.Capabilities is { } caps && caps.Excuses.Count > 0)
        {
            body.Append("<h2>Rules the device's profile excuses</h2>\n<table><thead><tr><th>rule</th><th>behaviour</th><th>citation</th></tr></thead><tbody>\n");
            foreach (var e in caps.Excuses)
            {
                body.Append("<tr><td>").Append(Html.Encode(e.Rule)).Append("</td><td>").Append(Html.Encode(e.Behaviour)).Append("</td><td>").Append(Html.Encode(e.Citation)).Append("</td></tr>\n");
            }
            body.Append("</tbody></table>\n");
        }

        body.Append("<h2>Pacing</h2>\n");
        if (gapHistogram is not null)
        {
            body.Append(gapHistogram.ImgTag()).Append('\n');
        }
        else if (d.Dut.Timing == TimingMode.Virtual)
        {
            body.Append("<p class=\"muted\">Virtual clock: every frame was sent exactly at its deadline.</p>\n");
        }
        else
        {
            body.Append("<p class=\"muted\">No send times recorded (no timeline.json in this run); each case page shows the gaps its results hold.</p>\n");
        }
        return Html.Page($"Run {column.Heading}", "", body.ToString());
    }

    private static void Fact(StringBuilder body, string name, string value) =>
        body.Append("<dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd>\n");
}
