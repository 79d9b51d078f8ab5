using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Reports.Html.Input;
using Rsc.Reports.KillMatrix;

namespace Rsc.Reports.Html.Site;

/// <summary>
/// A kill matrix (rsc faults) in the matrix's style: one row per case, one column per device
/// configuration (the fault-free device first), cells coloured by outcome, a cell that caught its
/// fault outlined, with the same filters.
/// </summary>
public static class KillMatrixPage
{
    public static string FileName(int index) => $"kill-matrix-{(index + 1).ToString(CultureInfo.InvariantCulture)}.html";

    public static string Render(KillMatrixSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var doc = source.Document;
        var body = new StringBuilder();
        body.Append("<h1>Kill matrix</h1>\n<p>").Append(Html.Encode(KillMatrixTable.Totals(doc))).Append("</p>\n");
        body.Append("<p class=\"muted small\">").Append(Html.Encode(source.Folder));
        if (doc.Settings is { } s)
        {
            body.Append(CultureInfo.InvariantCulture, $"; interval {s.IntervalUs:0.###} us, spacing {s.SpacingUs:0.###} us");
        }
        body.Append(". A Fail on a fault's column that passes on the fault-free device caught that fault (outlined).</p>\n");

        var sections = doc.Cases.Select(KillMatrixTable.SectionOf).Distinct(StringComparer.Ordinal).ToList();
        body.Append("<div class=\"filters\"><label>section <select id=\"f-section\"><option value=\"\">all</option>");
        foreach (var sec in sections)
        {
            body.Append("<option>").Append(Html.Encode(sec)).Append("</option>");
        }
        body.Append("</select></label>");
        foreach (var o in Enum.GetValues<Outcome>())
        {
            body.Append("<label class=\"badge ").Append(Html.OutcomeClass(o)).Append("\"><input type=\"checkbox\" name=\"f-outcome\" value=\"").Append(o).Append("\" checked> ").Append(o).Append("</label>");
        }
        body.Append("<label>text <input id=\"f-text\" type=\"search\" placeholder=\"case id or fault\"></label>");
        body.Append(CultureInfo.InvariantCulture, $"<span><span id=\"f-shown\">{doc.Cases.Count}</span> of {doc.Cases.Count} cases shown</span></div>\n");

        body.Append("<table id=\"matrix\"><thead><tr><th>case</th>");
        foreach (var d in doc.Devices)
        {
            body.Append("<th data-fault=\"").Append(Html.Encode(KillMatrixTable.Label(d))).Append("\">").Append(Html.Encode(KillMatrixTable.Label(d))).Append("<br><span class=\"badge ")
                .Append(KillMatrixTable.Verdict(d) is "caught" or "clean" ? "o-pass" : "o-fail").Append("\">").Append(Html.Encode(KillMatrixTable.Verdict(d))).Append("</span><br><span class=\"small muted\">F=")
                .Append(d.Count(Outcome.Fail)).Append("</span></th>");
        }
        body.Append("<th>catches</th></tr></thead><tbody>\n");
        foreach (var id in doc.Cases)
        {
            var outcomes = new HashSet<string>(StringComparer.Ordinal);
            var cells = new StringBuilder();
            var catches = doc.Devices.Where(d => d.Fault is not null && d.KillingCases.Contains(id, StringComparer.Ordinal)).Select(d => d.Fault!).ToList();
            foreach (var d in doc.Devices)
            {
                if (!d.Outcomes.TryGetValue(id, out var outcome))
                {
                    cells.Append("<td class=\"cell o-none\">.</td>");
                    continue;
                }
                outcomes.Add(outcome.ToString());
                bool killed = d.Fault is not null && d.KillingCases.Contains(id, StringComparer.Ordinal);
                var note = d.Notes?.GetValueOrDefault(id);
                cells.Append("<td class=\"cell ").Append(Html.OutcomeClass(outcome)).Append('"').Append(killed ? " style=\"outline:2px solid #842029\" data-caught" : "")
                    .Append(note is null ? "" : $" title=\"{Html.Encode(note)}\"").Append('>').Append(KillMatrixTable.Letter(outcome)).Append("</td>");
            }
            var text = (id + " " + string.Join(' ', catches)).ToLowerInvariant();
            body.Append("<tr data-case=\"").Append(Html.Encode(id)).Append("\" data-section=\"").Append(Html.Encode(KillMatrixTable.SectionOf(id))).Append("\" data-outcomes=\"")
                .Append(string.Join(' ', outcomes)).Append("\" data-text=\"").Append(Html.Encode(text)).Append("\"><td>").Append(Html.Encode(id)).Append("</td>").Append(cells)
                .Append("<td class=\"small\">").Append(Html.Encode(catches.Count == 0 ? "-" : string.Join(", ", catches))).Append("</td></tr>\n");
        }
        body.Append("</tbody></table>\n");
        return Html.Page("RSC kill matrix", "", body.ToString(), SiteStyle.FilterScript);
    }
}
