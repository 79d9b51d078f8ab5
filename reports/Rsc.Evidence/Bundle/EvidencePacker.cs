using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Rsc.Harness.Core.Capture;

namespace Rsc.Evidence.Bundle;

/// <summary>
/// Packs a run folder into an evidence bundle. The bundle is a function of the folder alone: entries
/// sorted, one fixed time and mode on every entry, stable JSON, nothing about the packing (time,
/// machine, user) inside, so the same folder always packs to the same bytes. A signed bundle differs
/// from the unsigned one only by its signature entry.
/// </summary>
public static class EvidencePacker
{
    /// <summary>Writes the bundle atomically to <paramref name="output"/> and returns its manifest.</summary>
    /// <exception cref="EvidenceInputException">The folder is not a run, or a file changed while it was packed.</exception>
    public static EvidenceManifest Pack(string runFolder, string output, X509Certificate2? signer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        ArgumentException.ThrowIfNullOrEmpty(output);
        var run = RunFolderReader.Open(runFolder, exclude: output);
        var missing = run.MissingArtifacts();
        if (missing.Count > 0)
        {
            throw new EvidenceIncompleteException($"{runFolder}: results.json names {missing[0]}, which is not in the folder" + (missing.Count > 1 ? $" ({missing.Count} such files)" : ""));
        }
        var files = new List<ManifestFile>(run.Files.Count);
        foreach (var file in run.Files)
        {
            var bytes = ReadFile(file);
            files.Add(new ManifestFile(BundleLayout.RunPrefix + file.RelativePath, bytes.LongLength, RunFolderReader.Sha256Hex(bytes)));
        }
        var manifest = run.Manifest(files);
        var manifestBytes = EvidenceJson.Serialize(manifest);
        var signature = signer is null ? null : ManifestSignature.Sign(manifestBytes, signer);
        AtomicFile.Write(output, stream => WriteArchive(stream, run, manifest, manifestBytes, signature));
        return manifest;
    }

    /// <summary>
    /// sha256sum's format, "HASH  NAME" per line: manifest.json, the signature when there is one, then
    /// the run's files. Not signed itself; it lets anyone check the bundle without rsc and makes a
    /// changed or removed signature entry visible.
    /// </summary>
    public static string Checksums(byte[] manifestBytes, byte[]? signature, IEnumerable<ManifestFile> files)
    {
        ArgumentNullException.ThrowIfNull(manifestBytes);
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder();
        text.Append(RunFolderReader.Sha256Hex(manifestBytes)).Append("  ").Append(BundleLayout.ManifestName).Append('\n');
        if (signature is not null)
        {
            text.Append(RunFolderReader.Sha256Hex(signature)).Append("  ").Append(BundleLayout.SignatureName).Append('\n');
        }
        foreach (var f in files)
        {
            text.Append(f.Sha256).Append("  ").Append(f.Path).Append('\n');
        }
        return text.ToString();
    }

    private static void WriteArchive(Stream stream, RunFolderReader run, EvidenceManifest manifest, byte[] manifestBytes, byte[]? signature)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: Encoding.UTF8);
        Add(zip, BundleLayout.ManifestName, manifestBytes);
        Add(zip, BundleLayout.ChecksumsName, Encoding.UTF8.GetBytes(Checksums(manifestBytes, signature, manifest.Files)));
        if (signature is not null)
        {
            Add(zip, BundleLayout.SignatureName, signature);
        }
        for (int i = 0; i < run.Files.Count; i++)
        {
            var bytes = ReadFile(run.Files[i]);
            var expected = manifest.Files[i];
            if (bytes.LongLength != expected.Size || RunFolderReader.Sha256Hex(bytes) != expected.Sha256)
            {
                throw new EvidenceInputException($"{run.Files[i].FullPath} changed while it was being packed; pack a finished run");
            }
            Add(zip, expected.Path, bytes);
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = BundleLayout.EntryTime;
        entry.ExternalAttributes = BundleLayout.EntryAttributes;
        using var s = entry.Open();
        s.Write(bytes);
    }

    private static byte[] ReadFile(RunFile file)
    {
        try
        {
            return File.ReadAllBytes(file.FullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceInputException($"{file.FullPath}: cannot read: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
    }
}
