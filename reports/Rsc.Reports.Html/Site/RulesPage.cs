using System.Globalization;
using System.Text;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Reports.Html.Site;

/// <summary>
/// rules.html, the page a device vendor fixes bugs from: for each rule some device broke, its id,
/// level, text and section (from <see cref="RuleCatalog"/>), and per device how many cases and
/// frames broke it with a link to the first example; then the rules a device's profile excused,
/// the informational findings, and the rules nobody broke.
/// </summary>
public static class RulesPage
{
    /// <param name="rulesDocument">The rules document's page in the report and the sections it has anchors for; null to show the section key only.</param>
    public static string Render(ReportModel model, RuleBreaks breaks, RulesDocumentLink? rulesDocument)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(breaks);
        var body = new StringBuilder();
        body.Append("<h1>By rule</h1>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{breaks.Broken.Count} rule(s) broken, {breaks.Excused.Count} excused by a device profile, {breaks.Unbroken.Count} of {RuleCatalog.All.Count} catalogue rules broken by no device.</p>\n");
        body.Append("<nav class=\"small\"><a href=\"#broken\">broken</a> · <a href=\"#excused\">excused</a> · <a href=\"#observed\">informational</a> · <a href=\"#unbroken\">not broken</a></nav>\n");

        body.Append("<h2 id=\"broken\">Rules broken</h2>\n");
        if (breaks.Broken.Count == 0)
        {
            body.Append("<p>No device broke a rule.</p>\n");
        }
        foreach (var rule in breaks.Broken)
        {
            WriteRule(body, rule, rulesDocument, "broken", excused: false);
        }

        body.Append("<h2 id=\"excused\">Excused by a device's profile</h2>\n<p class=\"muted\">The device does not have this behaviour by design and its profile says so, with a citation; the finding weighs as Info, never as a failure.</p>\n");
        if (breaks.Excused.Count == 0)
        {
            body.Append("<p>None.</p>\n");
        }
        foreach (var rule in breaks.Excused)
        {
            WriteRule(body, rule, rulesDocument, "excused", excused: true);
        }

        body.Append("<h2 id=\"observed\">Informational findings</h2>\n<details><summary>")
            .Append(breaks.Observed.Count).Append(" rule(s) with Info findings (cases that do not apply, timing the oracle allowed for)</summary>\n");
        foreach (var rule in breaks.Observed)
        {
            WriteRule(body, rule, rulesDocument, "observed", excused: false);
        }
        body.Append("</details>\n");

        body.Append("<h2 id=\"unbroken\">Rules no device broke</h2>\n<table><thead><tr><th>rule</th><th>level</th><th>section</th><th>rule in words</th></tr></thead><tbody>\n");
        foreach (var r in breaks.Unbroken)
        {
            body.Append("<tr><td>").Append(Html.Encode(r.Id)).Append("</td><td>").Append(r.Level is { } l ? RuleBreaks.LevelText(l) : "as stated").Append("</td><td>")
                .Append(Section(r.Section, rulesDocument)).Append("</td><td>").Append(Html.Encode(r.Text)).Append("</td></tr>\n");
        }
        body.Append("</tbody></table>\n");
        return Html.Page("RSC report: by rule", "", body.ToString());
    }

    private static void WriteRule(StringBuilder body, RuleBreak rule, RulesDocumentLink? rulesDocument, string kind, bool excused)
    {
        var levelClass = rule.Level switch { "MUST" => "must", "SHOULD" => "should", _ => "info" };
        body.Append("<section class=\"rule").Append(excused ? " excused" : "").Append("\" data-rule=\"").Append(Html.Encode(rule.RuleId)).Append("\" data-kind=\"").Append(kind).Append("\">\n");
        body.Append("<h3>").Append(Html.Encode(rule.RuleId)).Append(" <span class=\"level ").Append(levelClass).Append("\">").Append(rule.Level).Append("</span>");
        if (rule.Descriptor is { } descriptor)
        {
            body.Append(" <span class=\"small muted\">section ").Append(Section(descriptor.Section, rulesDocument)).Append("</span>");
        }
        body.Append("</h3>\n<p>").Append(rule.Descriptor is { } desc ? Html.Encode(desc.Text) : "<span class=\"muted\">(not in the rule catalogue)</span>").Append("</p>\n");
        body.Append("<table><thead><tr><th>device</th><th class=\"num\">cases</th><th class=\"num\">findings</th><th class=\"num\">guest frames</th><th class=\"num\">sent frames</th><th>first example</th>")
            .Append(excused ? "<th>excuse</th>" : "").Append("</tr></thead><tbody>\n");
        foreach (var d in rule.Devices)
        {
            body.Append("<tr data-device=\"").Append(Html.Encode(d.Column.Heading)).Append("\"><td>").Append(Html.Encode(d.Column.Heading)).Append("</td><td class=\"num\" data-cases>")
                .Append(d.Cases).Append("</td><td class=\"num\">").Append(d.Findings).Append("</td><td class=\"num\">").Append(d.GuestFrames).Append("</td><td class=\"num\">")
                .Append(d.SentFrames).Append("</td><td><a href=\"").Append(d.Column.CasePage(d.FirstCaseId)).Append("#rule-").Append(Uri.EscapeDataString(rule.RuleId)).Append("\">")
                .Append(Html.Encode(d.FirstCaseId)).Append("</a>: ").Append(Html.Encode(Shorten(d.First.Message, 200))).Append("</td>");
            if (excused)
            {
                body.Append("<td>").Append(Html.Encode(d.First.Excuse)).Append("</td>");
            }
            body.Append("</tr>\n");
        }
        body.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>The section key, linked to the rules document's anchor when the report carries the document and it has that anchor.</summary>
    public static string Section(string section, RulesDocumentLink? rulesDocument)
    {
        ArgumentNullException.ThrowIfNull(section);
        var anchor = section.ToLowerInvariant();
        return rulesDocument is null || !rulesDocument.Anchors.Contains(anchor)
            ? $"<code>{Html.Encode(section)}</code>"
            : $"<a href=\"{rulesDocument.Page}#{Uri.EscapeDataString(anchor)}\"><code>{Html.Encode(section)}</code></a>";
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }
}

/// <summary>Where the report's copy of the rules document is (relative to the report's root) and which section anchors it has.</summary>
public sealed record RulesDocumentLink(string Page, IReadOnlySet<string> Anchors);
