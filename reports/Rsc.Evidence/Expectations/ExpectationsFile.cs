using System.Text.Json;
using Rsc.Evidence.Bundle;
using Rsc.Harness.Core.Capture;

namespace Rsc.Evidence.Expectations;

/// <summary>Reads and writes expectations files; a file that cannot be used is one line of <see cref="EvidenceInputException"/>.</summary>
public static class ExpectationsFile
{
    public static ExpectationsDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new EvidenceInputException($"{path}: no such expectations file");
        }
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EvidenceInputException($"{path}: cannot read: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
    }

    public static ExpectationsDocument Parse(string json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        ExpectationsDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<ExpectationsDocument>(json, EvidenceJson.Options);
        }
        catch (JsonException e)
        {
            throw new EvidenceInputException($"{name}: not an expectations file: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
        if (doc is null || doc.Schema != ExpectationsDocument.CurrentSchema)
        {
            throw new EvidenceInputException($"{name}: not an {ExpectationsDocument.CurrentSchema} file (schema {doc?.Schema ?? "missing"})");
        }
        if (doc.Device is null || string.IsNullOrWhiteSpace(doc.Device.Kind))
        {
            throw new EvidenceInputException($"{name}: no device kind");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in doc.Cases ?? [])
        {
            if (c is null || string.IsNullOrWhiteSpace(c.Id))
            {
                throw new EvidenceInputException($"{name}: a case entry has no id");
            }
            if (!seen.Add(c.Id))
            {
                throw new EvidenceInputException($"{name}: {c.Id} is listed twice");
            }
            if (!ExpectationsDocument.Counted.Contains(c.Outcome))
            {
                throw new EvidenceInputException($"{name}: {c.Id} expects {c.Outcome}; only {string.Join(", ", ExpectationsDocument.Counted)} can be expected");
            }
            if (c.Rules is null || (c.Outcome != Harness.Core.Outcome.Error && c.Rules.Count == 0))
            {
                throw new EvidenceInputException($"{name}: {c.Id} expects {c.Outcome} but names no rule");
            }
            if (c.Reason is null)
            {
                throw new EvidenceInputException($"{name}: {c.Id} has no reason");
            }
        }
        foreach (var t in doc.Tolerated ?? [])
        {
            if (t is null || string.IsNullOrWhiteSpace(t.Rule) || t.Reason is null)
            {
                throw new EvidenceInputException($"{name}: a tolerated entry needs a rule and a reason");
            }
        }
        return doc with { Cases = doc.Cases ?? [], Tolerated = doc.Tolerated ?? [] };
    }

    public static void Write(string path, ExpectationsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = EvidenceJson.Serialize(document);
        AtomicFile.Write(path, s =>
        {
            s.Write(bytes);
            s.Write("\n"u8);
        });
    }
}
