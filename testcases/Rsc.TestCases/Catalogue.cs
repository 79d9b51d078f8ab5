using Rsc.Harness.Cases;
using Rsc.TestCases.Sections;

namespace Rsc.TestCases;

/// <summary>The conformance catalogue: every case, in id order.</summary>
public static class Catalogue
{
    public static IReadOnlyList<ConformanceCase> All { get; } =
    [
        .. new[]
        {
            CoalescingBasics.Cases,
            SequenceAndWindow.Cases,
            AcksAndDupAcks.Cases,
            TcpFlags.Cases,
            IpExceptions.Cases,
            Checksums.Cases,
            Ipv6.Cases,
            TcpOptions.Cases,
            TimerAndLatency.Cases,
            Sizes.Cases,
            Statistics.Cases,
            Malformed.Cases,
        }.SelectMany(section => section).OrderBy(c => c.Id, StringComparer.Ordinal),
    ];

    /// <summary>Every section key, in the order sections first appear by id.</summary>
    public static IReadOnlyList<string> Sections { get; } = [.. All.Select(c => c.Section).Distinct(StringComparer.Ordinal)];

    public static ConformanceCase? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The cases named by <paramref name="ids"/> or belonging to one of <paramref name="sections"/>
    /// (both case-insensitive), in id order; every case when neither names anything.
    /// </summary>
    /// <exception cref="ArgumentException">An id or section is not in the catalogue (all unknown names are listed).</exception>
    public static IReadOnlyList<ConformanceCase> Select(IEnumerable<string>? ids, IEnumerable<string>? sections)
    {
        var idSet = Normalise(ids);
        var sectionSet = Normalise(sections);
        if (idSet.Count == 0 && sectionSet.Count == 0)
        {
            return All;
        }
        var unknown = idSet.Where(id => Find(id) is null)
            .Concat(sectionSet.Where(s => !Sections.Contains(s, StringComparer.OrdinalIgnoreCase)).Select(s => "section " + s))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("not in the catalogue: " + string.Join(", ", unknown));
        }
        return [.. All.Where(c => idSet.Contains(c.Id) || sectionSet.Contains(c.Section))];
    }

    private static HashSet<string> Normalise(IEnumerable<string>? names) =>
        new((names ?? []).Select(n => n.Trim()).Where(n => n.Length > 0), StringComparer.OrdinalIgnoreCase);
}
