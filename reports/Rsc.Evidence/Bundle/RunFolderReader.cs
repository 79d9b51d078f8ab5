using System.Security.Cryptography;
using System.Text.Json;
using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Evidence.Bundle;

/// <summary>A run folder as evidence: its results.json and every file in it, sorted by name.</summary>
public sealed class RunFolderReader
{
    public const string ResultsFileName = "results.json";

    private RunFolderReader(string path, ResultsDocument results, JsonElement resultsJson, IReadOnlyList<RunFile> files)
    {
        Path = path;
        Results = results;
        ResultsJson = resultsJson;
        Files = files;
    }

    public string Path { get; }

    public ResultsDocument Results { get; }

    /// <summary>results.json as written, to tell a field that is false from one an older run never wrote.</summary>
    public JsonElement ResultsJson { get; }

    public IReadOnlyList<RunFile> Files { get; }

    /// <summary>Reads the folder; <paramref name="exclude"/> (a full path) is left out, e.g. the bundle being written into it.</summary>
    /// <exception cref="EvidenceInputException">Not a run folder, or results.json unreadable.</exception>
    public static RunFolderReader Open(string folder, string? exclude = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var path = System.IO.Path.GetFullPath(folder);
        if (!Directory.Exists(path))
        {
            throw new EvidenceInputException($"{folder}: no such folder");
        }
        var resultsPath = System.IO.Path.Combine(path, ResultsFileName);
        if (!File.Exists(resultsPath))
        {
            throw new EvidenceInputException($"{folder}: not a run folder (no {ResultsFileName})");
        }
        ResultsDocument results;
        JsonElement raw;
        try
        {
            var text = File.ReadAllText(resultsPath);
            results = Rsc.Reports.ResultsJson.Deserialize(text);
            using var document = JsonDocument.Parse(text);
            raw = document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new EvidenceInputException($"{resultsPath}: not a readable results file: {OneLine(e.Message)}");
        }
        if (results.Tool is null || results.Dut is null || results.Settings is null || results.Environment is null)
        {
            throw new EvidenceInputException($"{resultsPath}: not a results file (tool, dut, settings or environment missing)");
        }
        var excluded = exclude is null ? null : System.IO.Path.GetFullPath(exclude);
        var files = new List<RunFile>();
        foreach (var file in Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null || string.Equals(info.FullName, excluded, StringComparison.Ordinal) || IsLeftoverTemp(info.Name))
            {
                continue;
            }
            var relative = System.IO.Path.GetRelativePath(path, info.FullName).Replace(System.IO.Path.DirectorySeparatorChar, '/');
            files.Add(new RunFile(relative, info.FullName));
        }
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new RunFolderReader(path, results, raw, files);
    }

    /// <summary>Artifacts results.json names that the folder does not hold (evidence that went missing).</summary>
    public IReadOnlyList<string> MissingArtifacts()
    {
        var present = new HashSet<string>(Files.Select(f => f.RelativePath), StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var c in Results.Cases)
        {
            if (c.Artifacts is not { } a)
            {
                continue;
            }
            foreach (var named in new[] { a.SentPcap, a.GuestPcap, a.GuestJsonl, a.WireLog, a.WirePcap })
            {
                if (named is not null && !present.Contains(named))
                {
                    missing.Add(named);
                }
            }
        }
        return missing;
    }

    /// <summary>The manifest of this run, with <paramref name="files"/> as hashed.</summary>
    public EvidenceManifest Manifest(IReadOnlyList<ManifestFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var r = Results;
        bool recordedCompleteness = ResultsJson.TryGetProperty("complete", out _);
        var env = r.Environment;
        return new EvidenceManifest
        {
            Run = new RunFacts(
                r.StartedUtc,
                r.FinishedUtc,
                recordedCompleteness ? r.Planned : null,
                r.Cases.Count,
                recordedCompleteness ? r.Complete : null,
                r.Interrupted,
                recordedCompleteness ? r.NotJudged() : [],
                ResultsRecorder.Summarize(r.Cases)),
            Tool = new ToolFacts(r.Tool.Name, r.Tool.Version, r.Tool.Commit ?? Unknown),
            Catalogue = new CatalogueFacts(
                r.Catalogue?.Scheme ?? CatalogueFingerprint.Scheme,
                r.Catalogue?.Sha256 ?? Unknown,
                r.Catalogue?.Cases,
                JudgedCasesHash(r.Cases)),
            Device = new DeviceFacts
            {
                Name = r.Dut.Name,
                Kind = r.Dut.Kind ?? Unknown,
                Version = r.Dut.Version ?? Unknown,
                Timing = r.Dut.Timing?.ToString() ?? Unknown,
                Parameters = new SortedDictionary<string, string>(r.Dut.Parameters.ToDictionary(), StringComparer.Ordinal),
                Capabilities = ResultsJson.TryGetProperty("dut", out var dut) && dut.ValueKind == JsonValueKind.Object
                    && dut.TryGetProperty("capabilities", out var caps) && caps.ValueKind == JsonValueKind.Object ? caps.Clone() : null,
            },
            Settings = r.Settings,
            Host = new HostFactsEntry(
                env.Os ?? Unknown,
                env.Distribution ?? Unknown,
                env.Kernel ?? Unknown,
                env.CpuModel ?? Unknown,
                env.ProcessorCount,
                env.Architecture ?? Unknown,
                env.Runtime ?? Unknown,
                env.Machine ?? Unknown),
            Files = files,
        };
    }

    public const string Unknown = "unknown";

    /// <summary>The catalogue hash over the judged cases' own fingerprints; "unknown" if one has none.</summary>
    public static string JudgedCasesHash(IReadOnlyList<CaseEntry> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0 || cases.Any(c => c.Fingerprint is null))
        {
            return Unknown;
        }
        return CatalogueFingerprint.Combine(cases.Select(c => (c.Id, c.Fingerprint!)));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>AtomicFile's temporary files (".NAME.PID.GUID.tmp") left by a killed writer are not evidence.</summary>
    private static bool IsLeftoverTemp(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

/// <param name="RelativePath">Relative to the run folder, forward slashes.</param>
public sealed record RunFile(string RelativePath, string FullPath);
