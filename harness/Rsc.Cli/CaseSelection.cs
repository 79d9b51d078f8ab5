using Rsc.Harness.Cases;

namespace Rsc.Cli;

/// <summary>Which cases --case and --section pick: their union in catalogue order, or every case when neither is given.</summary>
public static class CaseSelection
{
    public static IReadOnlyList<ConformanceCase> Resolve(IReadOnlyList<ConformanceCase> catalogue, IReadOnlyList<string> ids, IReadOnlyList<string> sections)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(sections);
        if (ids.Count == 0 && sections.Count == 0)
        {
            return catalogue;
        }
        var chosen = new HashSet<ConformanceCase>(ReferenceEqualityComparer.Instance);
        foreach (var id in ids)
        {
            var found = catalogue.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"unknown case '{id}'; see 'rsc list'");
            chosen.Add(found);
        }
        foreach (var section in sections)
        {
            var key = section.StartsWith("RSC-", StringComparison.OrdinalIgnoreCase) ? section[4..] : section;
            var inSection = catalogue.Where(c => string.Equals(c.Section, key, StringComparison.OrdinalIgnoreCase)).ToList();
            if (inSection.Count == 0)
            {
                throw new UsageException($"unknown section '{section}'; see 'rsc list'");
            }
            chosen.UnionWith(inSection);
        }
        return [.. catalogue.Where(chosen.Contains)];
    }

    /// <summary>The selection as results.json records it: ids as given, sections as "section:S".</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<string> ids, IReadOnlyList<string> sections) =>
        [.. ids, .. sections.Select(s => "section:" + s)];
}
