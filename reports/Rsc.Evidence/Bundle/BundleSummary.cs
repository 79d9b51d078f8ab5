using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rsc.Evidence.Bundle;

/// <summary>What a reviewer reads first about a bundle: device, tool, host, times, verdicts, completeness, signature, integrity.</summary>
public static class BundleSummary
{
    public static string Render(string bundlePath, BundleVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var m = verification.Manifest ?? throw new ArgumentException("no manifest to show", nameof(verification));
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"{label,-13}{value}\n");

        Line("bundle", $"{bundlePath} ({m.Schema}, {m.Files.Count} run files)");
        var d = m.Device;
        Line("device", $"{d.Name}: kind {d.Kind}, version {d.Version}, {d.Timing} clock");
        if (d.Parameters.TryGetValue("features-negotiated", out var features))
        {
            Line("", $"features negotiated: {features}");
        }
        foreach (var (key, value) in d.Parameters.Where(p => p.Key != "features-negotiated"))
        {
            Line("", $"{key} = {value}");
        }
        Line("profile", Excuses(d.Capabilities));
        var s = m.Settings;
        var allowance = s.LatencyAllowanceUs is { } a ? Number(a) + " us" : "unknown";
        var timeout = s.TimeoutS is { } t ? Number(t) + " s" : "unknown";
        var selection = s.CaseFilter.Count > 0 ? ", selection " + string.Join(' ', s.CaseFilter) : "";
        Line("settings", $"interval {Number(s.IntervalUs)} us, spacing {Number(s.SpacingUs)} us, latency allowance {allowance}, case timeout {timeout}{selection}");
        Line("tool", $"{m.Tool.Name} {m.Tool.Version} (commit {m.Tool.Commit})");
        var c = m.Catalogue;
        Line("catalogue", c.Sha256 == RunFolderReader.Unknown
            ? $"not recorded by the run; judged cases {Hash(c.JudgedCasesSha256)} ({c.Scheme})"
            : $"{Hash(c.Sha256)} ({c.Scheme}, {c.Cases?.ToString(CultureInfo.InvariantCulture) ?? "?"} cases); judged cases {Hash(c.JudgedCasesSha256)}");
        var h = m.Host;
        Line("host", $"{h.Distribution}, kernel {h.Kernel}, {h.Architecture}");
        Line("", string.Create(CultureInfo.InvariantCulture, $"CPU {h.CpuModel} x {h.ProcessorCount}, {h.Runtime}, machine {h.Machine}"));
        var r = m.Run;
        Line("times", $"started {Time(r.StartedUtc)}, finished {(r.FinishedUtc is { } f ? Time(f) + $" ({Duration(f - r.StartedUtc)})" : "never (the run was killed or is still running)")}");
        var v = r.Summary;
        Line("verdicts", string.Create(CultureInfo.InvariantCulture, $"{v.Total} judged: {v.Pass} pass, {v.NonStrict} non-strict, {v.Fail} fail, {v.Info} info, {v.Error} error"));
        Line("completeness", Completeness(r));
        Line("signature", Signature(verification));
        Line("integrity", verification.Status switch
        {
            VerificationStatus.Valid => string.Create(CultureInfo.InvariantCulture, $"every file matches the manifest ({verification.FileCount} files, {verification.TotalBytes} bytes)"),
            _ => $"FAILED: {verification.Problem}",
        });
        return text.ToString();
    }

    public static string Completeness(RunFacts r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Complete is null)
        {
            return string.Create(CultureInfo.InvariantCulture, $"unknown (the run recorded no completeness; {r.Judged} judged)");
        }
        if (r.Complete == true)
        {
            return string.Create(CultureInfo.InvariantCulture, $"complete: {r.Judged} of {r.Planned} planned cases judged");
        }
        var why = r.Interrupted is { } i
            ? $"interrupted ({i.Reason}{(i.Detail is null ? "" : ": " + i.Detail)}) at {Time(i.AtUtc)}{(i.CaseInProgress is null ? "" : " during " + i.CaseInProgress)}"
            : "not finished";
        return string.Create(CultureInfo.InvariantCulture, $"INCOMPLETE: {why}; {r.Judged} of {r.Planned} planned cases judged") + (r.NotJudged.Count > 0 ? $"; not judged: {string.Join(' ', r.NotJudged.Take(10))}{(r.NotJudged.Count > 10 ? " …" : "")}" : "");
    }

    private static string Signature(BundleVerification v) => v.Signature switch
    {
        null when v.Status == VerificationStatus.Invalid && v.Problem!.StartsWith("unsigned", StringComparison.Ordinal) => "none, but one is required",
        null => "none (unsigned bundle)",
        { Valid: true, Pinned: true } sig => $"valid, by {sig.SignerText}, the required certificate",
        { Valid: true } sig => $"valid, by {sig.SignerText}; not checked against a trusted certificate (verify --cert CERT)",
        var sig => $"BAD: {sig.Problem}",
    };

    private static string Excuses(JsonElement? capabilities)
    {
        if (capabilities is not { ValueKind: JsonValueKind.Object } caps)
        {
            return "not recorded";
        }
        if (!caps.TryGetProperty("excuses", out var excuses) || excuses.ValueKind != JsonValueKind.Array || excuses.GetArrayLength() == 0)
        {
            return "full (no rule excused)";
        }
        var rules = excuses.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("rule", out var r) ? r.GetString() : null)
            .Where(r => r is not null);
        return string.Create(CultureInfo.InvariantCulture, $"{excuses.GetArrayLength()} rule(s) excused: {string.Join(", ", rules)}");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Hash(string sha) => sha == RunFolderReader.Unknown ? sha : "sha256:" + sha;

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan d) => d.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h {d.Minutes}m {d.Seconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{d.Minutes}m {d.Seconds}s");
}
