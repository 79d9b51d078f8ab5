namespace Rsc.Reports.Html.Charts;

/// <summary>A rendered picture: PNG bytes, and how to embed it in a page without a file or a network.</summary>
/// <remarks>
/// PNG, not SVG: Skia's SVG canvas (SkSVGDevice turning paths into SVG text) crashed the process
/// now and then in native code on the same charts that rasterise without fault.
/// </remarks>
public sealed record Chart(string Title, byte[] Bytes, int Width, int Height)
{
    public const string MimeType = "image/png";

    public const string Extension = ".png";

    /// <summary>A data: URL: the page carries its pictures.</summary>
    public string DataUrl => "data:image/png;base64," + Convert.ToBase64String(Bytes);

    /// <summary>Draws <paramref name="plot"/> as a PNG of the given size.</summary>
    public static Chart From(string title, ScottPlot.Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return new Chart(title, plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png), width, height);
    }

    /// <summary>An img element with the title as its alternative text.</summary>
    public string ImgTag(string cssClass = "chart") =>
        $"<img class=\"{cssClass}\" width=\"{Width}\" height=\"{Height}\" alt=\"{Site.Html.Encode(Title)}\" title=\"{Site.Html.Encode(Title)}\" src=\"{DataUrl}\">";
}
