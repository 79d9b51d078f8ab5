using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Cases;

/// <summary>
/// A case's identity as evidence: SHA-256 over a canonical rendering of what it claims (id, section,
/// level, title, requirement, source) and what it sends (spacing, interval, and every frame's index,
/// deadline and bytes). Two runs whose fingerprints match judged the same requirement on the same
/// traffic, whatever the code that built it.
/// </summary>
/// <remarks>
/// The rendering, scheme <see cref="Scheme"/>: the line "rsc-case/1", then fields as
/// "name&lt;TAB&gt;byte length&lt;TAB&gt;value&lt;LF&gt;" (UTF-8; the length keeps any value unambiguous),
/// then "frames&lt;TAB&gt;count&lt;LF&gt;" and per frame "frame&lt;TAB&gt;index&lt;TAB&gt;offset ns&lt;TAB&gt;length&lt;LF&gt;"
/// followed by the frame's bytes. Numbers are invariant decimal. Changing any of this changes the
/// scheme name.
/// </remarks>
public static class CaseFingerprint
{
    public const string Scheme = "rsc-case/1";

    /// <summary>The fingerprint of <paramref name="conformanceCase"/> with the traffic it built at this timing, as lowercase hex.</summary>
    public static string Of(ConformanceCase conformanceCase, TrafficPlan plan, long spacingNs, long drainIntervalNs)
    {
        ArgumentNullException.ThrowIfNull(conformanceCase);
        ArgumentNullException.ThrowIfNull(plan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Line(hash, Scheme);
        Field(hash, "id", conformanceCase.Id);
        Field(hash, "section", conformanceCase.Section);
        Field(hash, "level", conformanceCase.Level.ToString());
        Field(hash, "title", conformanceCase.Title);
        Field(hash, "requirement", conformanceCase.Requirement);
        Field(hash, "source", conformanceCase.Source);
        Field(hash, "spacing-ns", Number(spacingNs));
        Field(hash, "interval-ns", Number(drainIntervalNs));
        Line(hash, $"frames\t{Number(plan.Frames.Count)}");
        foreach (var frame in plan.Frames)
        {
            Line(hash, $"frame\t{Number(frame.Index)}\t{Number(frame.OffsetNs)}\t{Number(frame.Frame.Length)}");
            hash.AppendData(frame.Frame);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Builds the case's traffic at the run's timing (the case's own pins win) and fingerprints it.</summary>
    public static string Of(ConformanceCase conformanceCase, long runSpacingNs, long runDrainIntervalNs)
    {
        ArgumentNullException.ThrowIfNull(conformanceCase);
        long spacing = conformanceCase.SpacingNs ?? runSpacingNs;
        long interval = conformanceCase.DrainIntervalNs ?? runDrainIntervalNs;
        var traffic = conformanceCase.Build(new CaseContext(spacing, interval));
        return Of(conformanceCase, traffic.Plan, spacing, interval);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Field(IncrementalHash hash, string name, string value) =>
        Line(hash, $"{name}\t{Number(Encoding.UTF8.GetByteCount(value))}\t{value}");

    private static void Line(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData("\n"u8);
    }
}
