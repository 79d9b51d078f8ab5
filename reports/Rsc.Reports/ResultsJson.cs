using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rsc.Harness.Core.Capture;

namespace Rsc.Reports;

/// <summary>The one JSON dialect of every results file: camelCase names, enums as their names, indented.</summary>
public static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: true);

    /// <summary>The same dialect on one line, for JSON Lines files.</summary>
    public static JsonSerializerOptions Compact { get; } = CreateOptions(indented: false);

    public static string Serialize(ResultsDocument document) => JsonSerializer.Serialize(document, Options);

    public static ResultsDocument Deserialize(string json) =>
        JsonSerializer.Deserialize<ResultsDocument>(json, Options) ?? throw new JsonException("results document is null");

    /// <summary>Writes <paramref name="document"/> so a reader only ever sees a whole file.</summary>
    public static void WriteFile(string path, ResultsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, document, Options));
    }

    public static ResultsDocument ReadFile(string path) => Deserialize(File.ReadAllText(path));

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = indented,
            // Counter and parameter names are recorded as the device spells them.
            DictionaryKeyPolicy = null,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            // Results are read by people and tools, never embedded in HTML: keep "+" and quotes readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
