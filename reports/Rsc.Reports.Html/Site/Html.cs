using System.Globalization;
using System.Net;
using System.Text;
using Rsc.Harness.Core;

namespace Rsc.Reports.Html.Site;

/// <summary>Small helpers for writing HTML by hand: encoding, relative links, outcome styles, numbers.</summary>
public static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A relative URL from the folder <paramref name="fromFolder"/> to <paramref name="target"/>, each segment escaped.</summary>
    public static string Link(string fromFolder, string target)
    {
        var relative = Path.GetRelativePath(fromFolder, target);
        var segments = relative.Split(Path.DirectorySeparatorChar);
        return string.Join('/', segments.Select(s => s is ".." or "." ? s : Uri.EscapeDataString(s)));
    }

    /// <summary>The CSS class of an outcome cell: o-pass, o-nonstrict, o-fail, o-info, o-error.</summary>
    public static string OutcomeClass(Outcome outcome) => "o-" + outcome.ToString().ToLowerInvariant();

    public const string NotJudgedClass = "o-notjudged";

    /// <summary>The filter key of an outcome, as the page's script and data attributes use it.</summary>
    public static string OutcomeKey(Outcome? outcome) => outcome is { } o ? o.ToString() : "NotJudged";

    /// <summary>Microseconds from ns: "300", "37.5", "1,234.567".</summary>
    public static string Us(long ns) => (ns / 1000.0).ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string Us(double ns) => (ns / 1000.0).ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("#,0.###", CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Frames(IReadOnlyList<int> frames) => frames.Count == 0 ? "-" : string.Join(", ", frames);

    /// <summary>A whole page: the inline style sheet, a header with the report's navigation, <paramref name="body"/>, and optional inline script.</summary>
    public static string Page(string title, string rootLink, string body, string? script = null)
    {
        var page = new StringBuilder(body.Length + 8192);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<title>").Append(Encode(title)).Append("</title>\n<style>").Append(SiteStyle.Css).Append("</style>\n</head>\n<body>\n");
        page.Append("<nav class=\"top\"><a href=\"").Append(rootLink).Append("index.html\">Matrix</a> <a href=\"").Append(rootLink)
            .Append("rules.html\">By rule</a></nav>\n");
        page.Append(body);
        if (script is not null)
        {
            page.Append("<script>").Append(script).Append("</script>\n");
        }
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }
}
