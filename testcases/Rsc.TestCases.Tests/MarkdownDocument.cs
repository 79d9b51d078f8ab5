using System.Text;
using System.Text.RegularExpressions;

namespace Rsc.TestCases.Tests;

/// <summary>
/// What the tests need to know about a markdown document: its explicit anchors, the sections they
/// open, its links, its URLs and its generated rule indexes. A section is an explicit anchor
/// (<c>&lt;a id="x"&gt;&lt;/a&gt;</c>) on the line right before a level-2 heading; it runs to the next such
/// anchored heading.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private readonly string _text;
    private readonly List<(string Id, int Start)> _sectionStarts = [];

    public MarkdownDocument(string text)
    {
        _text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = _text.Split('\n');
        int offset = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (i + 1 < lines.Length && AnchorLine().Match(lines[i]) is { Success: true } m && lines[i + 1].StartsWith("## ", StringComparison.Ordinal))
            {
                _sectionStarts.Add((m.Groups[1].Value, offset));
            }
            offset += lines[i].Length + 1;
        }
    }

    /// <summary>Every explicit anchor id (<c>&lt;a id="..."&gt;</c>), in document order.</summary>
    public IReadOnlyList<string> Anchors => [.. AnchorTag().Matches(_text).Select(m => m.Groups[1].Value)];

    /// <summary>The ids of the anchors that open a section (an anchored level-2 heading).</summary>
    public IReadOnlyList<string> SectionIds => [.. _sectionStarts.Select(s => s.Id)];

    /// <summary>The text of the section opened by <paramref name="anchorId"/>, or null when there is none.</summary>
    public string? Section(string anchorId)
    {
        int index = _sectionStarts.FindIndex(s => s.Id == anchorId);
        if (index < 0)
        {
            return null;
        }
        int start = _sectionStarts[index].Start;
        int end = index + 1 < _sectionStarts.Count ? _sectionStarts[index + 1].Start : _text.Length;
        return _text[start..end];
    }

    /// <summary>Every id a link's fragment may name: explicit anchors and the slugs GitHub gives headings.</summary>
    public IReadOnlySet<string> LinkTargets
    {
        get
        {
            var targets = new HashSet<string>(Anchors, StringComparer.Ordinal);
            foreach (Match heading in Heading().Matches(_text))
            {
                targets.Add(GitHubSlug(heading.Groups[1].Value));
            }
            return targets;
        }
    }

    /// <summary>The targets of inline links (<c>[text](target)</c>), outside code spans.</summary>
    public IReadOnlyList<string> LinkTargetsUsed => [.. InlineLink().Matches(WithoutCode()).Select(m => m.Groups[1].Value)];

    /// <summary>Everything that looks like a web address (scheme "http" or "https"), wherever it appears.</summary>
    public IReadOnlyList<string> Urls => [.. Url().Matches(_text).Select(m => m.Value.TrimEnd('.', ',', ';', ':'))];

    /// <summary>The body of the generated rule index of a section, or null when it has none.</summary>
    public string? RuleIndex(string section)
    {
        string begin = RuleIndexMarkdown.Begin(section), end = RuleIndexMarkdown.End(section);
        int from = _text.IndexOf(begin, StringComparison.Ordinal);
        int to = from < 0 ? -1 : _text.IndexOf(end, from, StringComparison.Ordinal);
        return from < 0 || to < 0 ? null : _text[from..(to + end.Length)];
    }

    /// <summary>Rule ids written in code spans (<c>`R.psh-or`</c>) within a section.</summary>
    public static IReadOnlySet<string> RuleIdsIn(string sectionText) =>
        RuleIdSpan().Matches(sectionText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The id GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string GitHubSlug(string heading)
    {
        var slug = new StringBuilder();
        foreach (char c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }
        return slug.ToString();
    }

    private string WithoutCode() => InlineCode().Replace(FencedCode().Replace(_text, ""), "");

    [GeneratedRegex(@"^<a id=""([^""]+)""></a>\s*$")]
    private static partial Regex AnchorLine();

    [GeneratedRegex(@"<a id=""([^""]+)"">")]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"^#{1,6} (.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"https?://[^\s)>\]""'`|]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"`([A-Z]+\.[a-z0-9]+(?:-[a-z0-9]+)*)`")]
    private static partial Regex RuleIdSpan();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();
}
