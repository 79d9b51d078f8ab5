using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.Html.Allure;

/// <summary>Allure's JSON: camelCase, absent values left out.</summary>
public static class AllureJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Write<T>(string path, T value) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, value, Options));

    public static T Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options)
        ?? throw new JsonException($"{path} holds null");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
