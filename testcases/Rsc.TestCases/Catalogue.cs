using Rsc.Harness.Cases;

namespace Rsc.TestCases;

/// <summary>The conformance catalogue: every case, in id order.</summary>
public static class Catalogue
{
    public static IReadOnlyList<ConformanceCase> All { get; } = [];

    public static ConformanceCase? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
}
