using System.Globalization;
using Rsc.Harness.Core;
using Rsc.Reports.Html.Input;

namespace Rsc.Reports.Html.Site;

/// <summary>One device run as a column of the report: its heading and the folder its case pages go in.</summary>
public sealed record RunColumn(int Number, string Slug, string Heading, RunSource Run)
{
    /// <summary>The page of one of its cases, relative to the report's root.</summary>
    public string CasePage(string caseId) => $"cases/{Slug}/{CaseArtifacts.SafeName(caseId)}.html";

    /// <summary>The run's own page (settings, environment, pacing), relative to the report's root.</summary>
    public string RunPage => $"run-{Slug}.html";
}

/// <summary>What a case is, taken from the first run that judged it.</summary>
public sealed record CaseInfo(string Id, string Section, string Title, RequirementLevel? Level, string Requirement, string Source, string? Description);

/// <summary>The runs side by side: columns in input order, cases in the order the runs planned and judged them.</summary>
public sealed class ReportModel
{
    public ReportModel(IReadOnlyList<RunSource> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var headings = Headings([.. runs.Select(r => r.Document)]);
        Columns = [.. runs.Select((r, i) => new RunColumn(i + 1, Slug(i + 1, r.Document.Dut.Name), headings[i], r))];
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var info = new Dictionary<string, CaseInfo>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var id in run.Document.PlannedCases.Concat(run.Document.Cases.Select(c => c.Id)))
            {
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
            foreach (var c in run.Document.Cases)
            {
                info.TryAdd(c.Id, new CaseInfo(c.Id, c.Section.Length > 0 ? c.Section : KillMatrix.KillMatrixTable.SectionOf(c.Id), c.Title, c.Level, c.Requirement, c.Source, c.Description));
            }
        }
        CaseIds = ids;
        Cases = info;
        Sections = [.. ids.Select(SectionOf).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<RunColumn> Columns { get; }

    public IReadOnlyList<string> CaseIds { get; }

    public IReadOnlyDictionary<string, CaseInfo> Cases { get; }

    public IReadOnlyList<string> Sections { get; }

    public string SectionOf(string caseId) => Cases.TryGetValue(caseId, out var c) ? c.Section : KillMatrix.KillMatrixTable.SectionOf(caseId);

    public string TitleOf(string caseId) => Cases.TryGetValue(caseId, out var c) ? c.Title : "";

    /// <summary>
    /// Column headings: the device's spelling, with interval and spacing when the runs differ in them,
    /// and "(run N)" when two runs would still read the same. Completeness is shown apart, not in the heading.
    /// </summary>
    public static IReadOnlyList<string> Headings(IReadOnlyList<ResultsDocument> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        bool timingDiffers = runs.Select(r => (r.Settings.IntervalUs, r.Settings.SpacingUs)).Distinct().Count() > 1;
        var plain = runs.Select(r => timingDiffers
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Dut.Name} ({r.Settings.IntervalUs:0.#}/{r.Settings.SpacingUs:0.#} us)")
            : r.Dut.Name).ToList();
        return [.. plain.Select((h, i) => plain.Count(x => x == h) > 1 ? string.Create(CultureInfo.InvariantCulture, $"{h} (run {i + 1})") : h)];
    }

    /// <summary>"1-reference", "2-reference-fault-psh-from-last": unique, safe in a URL and a file name.</summary>
    public static string Slug(int number, string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '-').ToArray();
        var slug = new string(chars).Trim('-', '.');
        if (slug.Length > 60)
        {
            slug = slug[..60];
        }
        return number.ToString(CultureInfo.InvariantCulture) + (slug.Length > 0 ? "-" + slug : "");
    }
}
