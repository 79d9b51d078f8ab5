using System.Globalization;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Reports.Html.Input;
using Rsc.Reports.KillMatrix;

namespace Rsc.Reports.Html.Site;

/// <summary>
/// index.html: the runs described (device, timing, completeness, counts), then every case × every
/// device, each cell coloured by outcome and linked to its case page, with filters by section,
/// outcome and free text.
/// </summary>
public static class IndexPage
{
    public static string Render(ReportModel model, IReadOnlyList<KillMatrixSource> killMatrices, DateTimeOffset generatedUtc)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(killMatrices);
        var body = new StringBuilder();
        body.Append("<h1>RSC conformance report</h1>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{model.Columns.Count} run(s), {model.CaseIds.Count} case(s); generated {generatedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.</p>\n");
        if (killMatrices.Count > 0)
        {
            body.Append("<p>Kill matrices: ");
            body.Append(string.Join(", ", killMatrices.Select((k, i) => $"<a href=\"{KillMatrixPage.FileName(i)}\">{Html.Encode(Path.GetFileName(k.Folder))}</a> ({k.Document.Summary.Caught} of {k.Document.Summary.Faults} faults caught)")));
            body.Append("</p>\n");
        }
        if (model.Columns.Count == 0)
        {
            return Html.Page("RSC conformance report", "", body.ToString());
        }
        WriteRuns(body, model);
        WriteFilters(body, model);
        WriteMatrix(body, model);
        return Html.Page("RSC conformance report", "", body.ToString(), SiteStyle.FilterScript);
    }

    private static void WriteRuns(StringBuilder body, ReportModel model)
    {
        body.Append("<h2>Runs</h2>\n");
        foreach (var column in model.Columns.Where(c => c.Run.Incomplete))
        {
            body.Append("<div class=\"incomplete\" data-incomplete=\"").Append(Html.Encode(column.Heading)).Append("\"><strong>")
                .Append(Html.Encode(column.Heading)).Append(": incomplete run.</strong> ").Append(Html.Encode(Completeness(column.Run))).Append("</div>\n");
        }
        body.Append("<table id=\"runs\"><thead><tr><th>#</th><th>device</th><th>kind, version</th><th>clock</th><th>interval / spacing</th><th>started (UTC)</th><th>state</th>");
        foreach (var o in Enum.GetValues<Outcome>())
        {
            body.Append("<th class=\"num ").Append(Html.OutcomeClass(o)).Append("\">").Append(o).Append("</th>");
        }
        body.Append("<th class=\"num o-notjudged\">not judged</th></tr></thead><tbody>\n");
        foreach (var column in model.Columns)
        {
            var d = column.Run.Document;
            body.Append("<tr data-run=\"").Append(column.Number).Append("\"><td>").Append(column.Number).Append("</td><td><a href=\"")
                .Append(column.RunPage).Append("\">").Append(Html.Encode(column.Heading)).Append("</a></td><td>")
                .Append(Html.Encode(string.Join(" ", new[] { d.Dut.Kind, d.Dut.Version }.Where(x => x is not null)))).Append("</td><td>")
                .Append(Html.Encode(d.Dut.Timing?.ToString() ?? "")).Append("</td><td>")
                .Append(CultureInfo.InvariantCulture, $"{d.Settings.IntervalUs:0.###} / {d.Settings.SpacingUs:0.###} us").Append("</td><td>")
                .Append(d.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(column.Run.Incomplete ? "<strong>incomplete</strong>" : column.Run.CompletenessUnknown ? "not recorded" : "complete").Append("</td>");
            foreach (var o in Enum.GetValues<Outcome>())
            {
                body.Append("<td class=\"num\" data-count=\"").Append(o).Append("\">").Append(column.Run.Count(o)).Append("</td>");
            }
            body.Append("<td class=\"num\" data-count=\"NotJudged\">").Append(column.Run.NotJudged.Count).Append("</td></tr>\n");
        }
        body.Append("</tbody></table>\n");
    }

    /// <summary>"interrupted (signal: SIGINT) during RSC-X; 40 of 111 planned cases judged".</summary>
    public static string Completeness(RunSource run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var d = run.Document;
        var text = new StringBuilder();
        if (d.Interrupted is { } i)
        {
            text.Append("Interrupted (").Append(i.Reason).Append(i.Detail is { } detail ? ": " + detail : "").Append(')');
            if (i.CaseInProgress is { } c)
            {
                text.Append(" during ").Append(c);
            }
            text.Append(CultureInfo.InvariantCulture, $" at {i.AtUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        }
        else if (d.FinishedUtc is null)
        {
            text.Append("Not finished: still running or killed");
            if (d.InProgress is { } c)
            {
                text.Append(", last seen running ").Append(c);
            }
        }
        else
        {
            text.Append("Finished without judging every planned case");
        }
        text.Append(CultureInfo.InvariantCulture, $"; {d.Cases.Count} of {Math.Max(d.Planned, d.Cases.Count)} planned case(s) judged, {run.NotJudged.Count} never judged.");
        return text.ToString();
    }

    private static void WriteFilters(StringBuilder body, ReportModel model)
    {
        body.Append("<h2>Cases</h2>\n<div class=\"filters\"><label>section <select id=\"f-section\"><option value=\"\">all</option>");
        foreach (var s in model.Sections)
        {
            body.Append("<option>").Append(Html.Encode(s)).Append("</option>");
        }
        body.Append("</select></label>");
        foreach (var o in Enum.GetValues<Outcome>().Select(o => (Outcome?)o).Append(null))
        {
            var key = Html.OutcomeKey(o);
            body.Append("<label class=\"badge ").Append(o is { } x ? Html.OutcomeClass(x) : Html.NotJudgedClass).Append("\"><input type=\"checkbox\" name=\"f-outcome\" value=\"")
                .Append(key).Append("\" checked> ").Append(o is null ? "not judged" : key).Append("</label>");
        }
        body.Append("<label>text <input id=\"f-text\" type=\"search\" placeholder=\"id, title or rule\"></label>");
        body.Append(CultureInfo.InvariantCulture, $"<span><span id=\"f-shown\">{model.CaseIds.Count}</span> of {model.CaseIds.Count} cases shown</span></div>\n");
    }

    private static void WriteMatrix(StringBuilder body, ReportModel model)
    {
        body.Append("<table id=\"matrix\"><thead><tr><th>case</th><th>title</th>");
        foreach (var column in model.Columns)
        {
            body.Append("<th data-column=\"").Append(column.Number).Append("\"><a href=\"").Append(column.RunPage).Append("\">").Append(Html.Encode(column.Heading)).Append("</a><br><span class=\"small muted\">")
                .Append(Html.Encode(Counts(column.Run))).Append("</span>").Append(column.Run.Incomplete ? "<br><span class=\"badge o-notjudged\">incomplete</span>" : "").Append("</th>");
        }
        body.Append("</tr></thead><tbody>\n");
        foreach (var id in model.CaseIds)
        {
            var cells = new StringBuilder();
            var outcomes = new HashSet<string>(StringComparer.Ordinal);
            var rules = new HashSet<string>(StringComparer.Ordinal);
            foreach (var column in model.Columns)
            {
                var entry = column.Run.Find(id);
                if (entry is null)
                {
                    bool planned = column.Run.NotJudged.Contains(id, StringComparer.Ordinal);
                    if (planned)
                    {
                        outcomes.Add(Html.OutcomeKey(null));
                        cells.Append("<td class=\"cell ").Append(Html.NotJudgedClass).Append("\" data-outcome=\"NotJudged\">not judged</td>");
                    }
                    else
                    {
                        cells.Append("<td class=\"cell o-none\" data-outcome=\"\">—</td>");
                    }
                    continue;
                }
                outcomes.Add(Html.OutcomeKey(entry.Outcome));
                var decisive = entry.Outcome is Outcome.Pass or Outcome.Error ? null : SummaryTable.DecisiveFinding(entry);
                foreach (var f in entry.Findings)
                {
                    rules.Add(f.Rule);
                }
                var note = SummaryTable.Note(entry);
                cells.Append("<td class=\"cell ").Append(Html.OutcomeClass(entry.Outcome)).Append("\" data-outcome=\"").Append(entry.Outcome).Append("\" title=\"")
                    .Append(Html.Encode(note)).Append("\"><a href=\"").Append(column.CasePage(id)).Append("\">").Append(entry.Outcome);
                if (decisive is not null)
                {
                    cells.Append(" <span class=\"small\">(").Append(Html.Encode(decisive.Rule)).Append(")</span>");
                }
                cells.Append("</a></td>");
            }
            var text = string.Join(' ', new[] { id, model.TitleOf(id) }.Concat(rules)).ToLowerInvariant();
            body.Append("<tr data-case=\"").Append(Html.Encode(id)).Append("\" data-section=\"").Append(Html.Encode(model.SectionOf(id)))
                .Append("\" data-outcomes=\"").Append(string.Join(' ', outcomes)).Append("\" data-text=\"").Append(Html.Encode(text)).Append("\"><td>")
                .Append(Html.Encode(id)).Append("</td><td>").Append(Html.Encode(model.TitleOf(id))).Append("</td>").Append(cells).Append("</tr>\n");
        }
        body.Append("</tbody></table>\n");
    }

    /// <summary>"111 cases: 99 Pass, 12 Info" for a column heading.</summary>
    public static string Counts(RunSource run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var parts = Enum.GetValues<Outcome>().Select(o => (o, n: run.Count(o))).Where(x => x.n > 0).Select(x => $"{x.n} {x.o}").ToList();
        if (run.NotJudged.Count > 0)
        {
            parts.Add($"{run.NotJudged.Count} not judged");
        }
        return parts.Count == 0 ? "no cases" : string.Join(", ", parts);
    }
}
