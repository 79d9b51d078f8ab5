using System.Security.Cryptography;
using System.Text;
using Rsc.Harness.Cases;
using Rsc.Reports;

namespace Rsc.TestCases;

/// <summary>
/// The catalogue's own hash: SHA-256 over "rsc-catalogue/1", then one line "id&lt;TAB&gt;fingerprint"
/// per case in ordinal id order, each case's <see cref="CaseFingerprint"/> taken at the run's spacing
/// and interval (a case's pinned timing wins). Equal hashes mean the same cases claimed the same
/// requirements with the same traffic.
/// </summary>
public static class CatalogueFingerprint
{
    public const string Scheme = "rsc-catalogue/1";

    /// <summary>The hash of the whole catalogue at this timing, as results.json records it.</summary>
    public static CatalogueEntry Compute(long spacingNs, long drainIntervalNs) => Compute(Catalogue.All, spacingNs, drainIntervalNs);

    public static CatalogueEntry Compute(IEnumerable<ConformanceCase> cases, long spacingNs, long drainIntervalNs)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var lines = cases.Select(c => (c.Id, CaseFingerprint.Of(c, spacingNs, drainIntervalNs))).ToList();
        return new CatalogueEntry(Scheme, Combine(lines), lines.Count);
    }

    /// <summary>Combines per-case fingerprints (any order given; sorted here) into the catalogue hash.</summary>
    public static string Combine(IEnumerable<(string Id, string Fingerprint)> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var text = new StringBuilder(Scheme).Append('\n');
        foreach (var (id, fingerprint) in cases.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            text.Append(id).Append('\t').Append(fingerprint).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Lowercase hex of 32 bytes, as every fingerprint is written.</summary>
    public static bool IsSha256Hex(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
