using System.Text;
using System.Text.RegularExpressions;

namespace Rsc.Reports.Html.Site;

/// <summary>
/// The rules document (testcases/rules.md) carried into the report as rules-document.html, so the
/// by-rule page's section links work from file:// with nothing else at hand: the markdown text as
/// it is, headings set off, and its anchors (<c>&lt;a id="iph"&gt;&lt;/a&gt;</c>) kept as anchors.
/// </summary>
public static partial class RulesDocumentPage
{
    public const string FileName = "rules-document.html";

    /// <summary>The anchors the document defines, e.g. "r", "iph", "vs".</summary>
    public static IReadOnlySet<string> Anchors(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return markdown.Split('\n').Select(l => AnchorLine().Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    public static string Render(string markdown, string sourcePath)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var body = new StringBuilder(markdown.Length * 2);
        body.Append("<p class=\"muted small\">").Append(Html.Encode(sourcePath)).Append("</p>\n<div class=\"md\">");
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var anchor = AnchorLine().Match(line.Trim());
            if (anchor.Success)
            {
                body.Append("</div><a id=\"").Append(Html.Encode(anchor.Groups[1].Value)).Append("\"></a><div class=\"md\">");
                continue;
            }
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                int level = Math.Min(heading.Groups[1].Value.Length, 4);
                body.Append("</div><h").Append(level).Append('>').Append(Html.Encode(heading.Groups[2].Value)).Append("</h").Append(level).Append("><div class=\"md\">");
                continue;
            }
            body.Append(Html.Encode(line)).Append('\n');
        }
        body.Append("</div>\n");
        return Html.Page("RSC rules", "", body.ToString());
    }

    [GeneratedRegex("^<a id=\"([A-Za-z0-9_-]+)\"></a>$")]
    private static partial Regex AnchorLine();

    [GeneratedRegex("^(#{1,4})\\s+(.*)$")]
    private static partial Regex Heading();
}
