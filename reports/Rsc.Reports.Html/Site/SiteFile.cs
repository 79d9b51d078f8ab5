using System.Text;

namespace Rsc.Reports.Html.Site;

/// <summary>
/// Writes a report page so a reader never sees half of it (temp file, then rename). Unlike
/// results files, pages are not flushed to disk one by one: a report can always be generated
/// again, and hundreds of flushes would cost more than the rendering.
/// </summary>
public static class SiteFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, Utf8);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
