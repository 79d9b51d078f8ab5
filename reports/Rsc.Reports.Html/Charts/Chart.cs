using System.Text;

namespace Rsc.Reports.Html.Charts;

/// <summary>A rendered picture: SVG text, and how to embed it in a page without a file or a network.</summary>
public sealed record Chart(string Title, string Svg, int Width, int Height)
{
    public const string MimeType = "image/svg+xml";

    /// <summary>A data: URL, so several charts on one page never share the SVG's internal ids.</summary>
    public string DataUrl => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Svg));

    public byte[] Bytes => Encoding.UTF8.GetBytes(Svg);

    /// <summary>An img element with the title as its alternative text.</summary>
    public string ImgTag(string cssClass = "chart") =>
        $"<img class=\"{cssClass}\" width=\"{Width}\" height=\"{Height}\" alt=\"{Site.Html.Encode(Title)}\" title=\"{Site.Html.Encode(Title)}\" src=\"{DataUrl}\">";
}
