using System.Text.Json;
using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.KillMatrix;

/// <summary>Reads and writes kill-matrix.json in the results dialect (<see cref="ResultsJson.Options"/>).</summary>
public static class KillMatrixJson
{
    public const string FileName = "kill-matrix.json";

    public static string Serialize(KillMatrixDocument document) => JsonSerializer.Serialize(document, ResultsJson.Options);

    public static KillMatrixDocument Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<KillMatrixDocument>(json, ResultsJson.Options)
            ?? throw new JsonException("kill matrix document is null");
        if (document.Schema != KillMatrixDocument.CurrentSchema)
        {
            throw new JsonException($"unsupported kill matrix schema '{document.Schema}'; expected '{KillMatrixDocument.CurrentSchema}'");
        }
        return document;
    }

    /// <summary>Writes <paramref name="document"/> so a reader only ever sees a whole file.</summary>
    public static void WriteFile(string path, KillMatrixDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, document, ResultsJson.Options));
    }

    public static KillMatrixDocument ReadFile(string path) => Deserialize(File.ReadAllText(path));
}
