using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Rsc.Evidence.Bundle;

/// <summary>
/// Checks an evidence bundle: manifest.json against SHA256SUMS, the signature (if any, or if one is
/// required), then every run file against the manifest in name order, then SHA256SUMS as a whole.
/// The first problem found is the answer; nothing is extracted to disk.
/// </summary>
public static class BundleVerifier
{
    public static BundleVerification Verify(string path, X509Certificate2? requiredSigner = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return BundleVerification.NotABundle($"{path}: no such file");
        }
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return BundleVerification.NotABundle($"{path}: not an evidence bundle (not a readable zip archive: {OneLine(e.Message)})");
        }
        using (zip)
        {
            return Verify(path, zip, requiredSigner);
        }
    }

    private static BundleVerification Verify(string path, ZipArchive zip, X509Certificate2? requiredSigner)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in zip.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                {
                    return BundleVerification.Invalid($"duplicate entry: {entry.FullName}");
                }
            }
        }
        catch (InvalidDataException e)
        {
            return BundleVerification.NotABundle($"{path}: not an evidence bundle (damaged zip directory: {OneLine(e.Message)})");
        }
        if (!entries.TryGetValue(BundleLayout.ManifestName, out var manifestEntry))
        {
            return BundleVerification.NotABundle($"{path}: not an evidence bundle (no {BundleLayout.ManifestName})");
        }
        if (Read(manifestEntry) is not { } manifestBytes)
        {
            return BundleVerification.Invalid($"changed: {BundleLayout.ManifestName} (its data cannot be read)");
        }
        if (!entries.TryGetValue(BundleLayout.ChecksumsName, out var sumsEntry))
        {
            return BundleVerification.Invalid($"missing: {BundleLayout.ChecksumsName}");
        }
        if (Read(sumsEntry) is not { } sumsBytes || ParseChecksums(sumsBytes) is not { } sums)
        {
            return BundleVerification.Invalid($"changed: {BundleLayout.ChecksumsName} (not sha256sum lines)");
        }
        if (!sums.TryGetValue(BundleLayout.ManifestName, out var manifestSum) || manifestSum != RunFolderReader.Sha256Hex(manifestBytes))
        {
            return BundleVerification.Invalid($"changed: {BundleLayout.ManifestName} (its SHA-256 is not the one {BundleLayout.ChecksumsName} records)");
        }

        EvidenceManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<EvidenceManifest>(manifestBytes, EvidenceJson.Options);
        }
        catch (JsonException e)
        {
            return BundleVerification.NotABundle($"{path}: not an evidence bundle ({BundleLayout.ManifestName} is not a manifest: {OneLine(e.Message)})");
        }
        if (manifest is null || manifest.Schema != BundleLayout.Schema || manifest.Files is null || manifest.Files.Any(f => f?.Path is null || f.Sha256 is null))
        {
            return BundleVerification.NotABundle($"{path}: not an evidence bundle ({BundleLayout.ManifestName} is not an {BundleLayout.Schema} manifest)");
        }

        byte[]? signature = null;
        SignatureCheck? signatureCheck = null;
        if (entries.TryGetValue(BundleLayout.SignatureName, out var signatureEntry))
        {
            signature = Read(signatureEntry);
            if (signature is null || !sums.TryGetValue(BundleLayout.SignatureName, out var signatureSum) || signatureSum != RunFolderReader.Sha256Hex(signature))
            {
                return BundleVerification.Invalid($"changed: {BundleLayout.SignatureName} (its SHA-256 is not the one {BundleLayout.ChecksumsName} records)", manifest);
            }
            signatureCheck = ManifestSignature.Verify(manifestBytes, signature, requiredSigner);
            if (!signatureCheck.Valid)
            {
                return BundleVerification.Invalid($"bad signature: {signatureCheck.Problem}", manifest, signatureCheck);
            }
        }
        else if (sums.ContainsKey(BundleLayout.SignatureName))
        {
            return BundleVerification.Invalid($"missing: {BundleLayout.SignatureName} (the bundle was signed)", manifest);
        }
        else if (requiredSigner is not null)
        {
            return BundleVerification.Invalid($"unsigned: the bundle has no {BundleLayout.SignatureName}, but a signature by {requiredSigner.Subject} ({requiredSigner.Thumbprint}) is required", manifest);
        }

        var listed = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (!listed.TryAdd(file.Path, file))
            {
                return BundleVerification.Invalid($"changed: {BundleLayout.ManifestName} (lists {file.Path} twice)", manifest, signatureCheck);
            }
        }
        var names = listed.Keys.Concat(entries.Keys.Where(n => !BundleLayout.IsReserved(n))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        long total = 0;
        foreach (var name in names)
        {
            bool inManifest = listed.TryGetValue(name, out var expected);
            bool inBundle = entries.TryGetValue(name, out var entry);
            if (!inBundle)
            {
                return BundleVerification.Invalid($"missing: {name}", manifest, signatureCheck);
            }
            if (!inManifest)
            {
                return BundleVerification.Invalid($"not in manifest: {name}", manifest, signatureCheck);
            }
            var (size, sha) = Hash(entry!);
            if (sha is null)
            {
                return BundleVerification.Invalid($"changed: {name} (its data cannot be read)", manifest, signatureCheck);
            }
            if (size != expected!.Size || sha != expected.Sha256)
            {
                return BundleVerification.Invalid($"changed: {name} (SHA-256 {Short(sha)}, {size} bytes; the manifest says {Short(expected.Sha256)}, {expected.Size} bytes)", manifest, signatureCheck);
            }
            total += size;
        }
        if (Encoding.UTF8.GetString(sumsBytes) != EvidencePacker.Checksums(manifestBytes, signature, manifest.Files))
        {
            return BundleVerification.Invalid($"changed: {BundleLayout.ChecksumsName} (does not match the manifest)", manifest, signatureCheck);
        }
        return BundleVerification.Valid(manifest, signatureCheck, manifest.Files.Count, total);
    }

    /// <summary>"HASH  NAME" lines (binary-mode "*NAME" accepted); null when a line is not one.</summary>
    public static Dictionary<string, string>? ParseChecksums(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (line.Length < 67 || line[64] != ' ' || line[65] is not (' ' or '*') || !line[..64].All(char.IsAsciiHexDigitLower))
            {
                return null;
            }
            result[line[66..]] = line[..64];
        }
        return result;
    }

    private static byte[]? Read(ZipArchiveEntry entry)
    {
        try
        {
            using var s = entry.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return copy.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static (long Size, string? Sha256) Hash(ZipArchiveEntry entry)
    {
        try
        {
            using var s = entry.Open();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int n;
            while ((n = s.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, n));
                size += n;
            }
            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (-1, null);
        }
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}

public enum VerificationStatus
{
    /// <summary>Every file matches the manifest; the signature, if any or required, is good.</summary>
    Valid,

    /// <summary>A bundle, but something in it was changed, removed, added, or badly signed.</summary>
    Invalid,

    /// <summary>Not an evidence bundle at all (not a zip, no manifest, a manifest that is not one).</summary>
    NotABundle,
}

/// <summary>What verify found; <see cref="Problem"/> is the one line naming the first problem.</summary>
public sealed record BundleVerification(
    VerificationStatus Status,
    string? Problem,
    EvidenceManifest? Manifest,
    SignatureCheck? Signature,
    int FileCount,
    long TotalBytes)
{
    public int ExitCode => Status switch
    {
        VerificationStatus.Valid => Evidence.ExitCode.Success,
        VerificationStatus.Invalid => Evidence.ExitCode.Failure,
        _ => Evidence.ExitCode.Usage,
    };

    public static BundleVerification NotABundle(string problem) => new(VerificationStatus.NotABundle, problem, null, null, 0, 0);

    public static BundleVerification Invalid(string problem, EvidenceManifest? manifest = null, SignatureCheck? signature = null) =>
        new(VerificationStatus.Invalid, problem, manifest, signature, 0, 0);

    public static BundleVerification Valid(EvidenceManifest manifest, SignatureCheck? signature, int files, long bytes) =>
        new(VerificationStatus.Valid, null, manifest, signature, files, bytes);
}
