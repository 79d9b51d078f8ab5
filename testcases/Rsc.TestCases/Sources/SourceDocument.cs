using System.Text.Json.Serialization;

namespace Rsc.TestCases.Sources;

/// <summary>
/// One document a case's <c>Source</c> key stands for: its title, where it is published, and the
/// section of <c>testcases/rules.md</c> that restates its rules. Serialises as
/// <c>{ "key", "title", "url", "rules" }</c>, the shape <c>rsc list --format json</c> prints per case.
/// </summary>
public sealed record SourceDocument(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url)
{
    /// <summary>The section of the rules document that restates this source, e.g. "testcases/rules.md#iph".</summary>
    [JsonPropertyName("rules")]
    public string Rules => RulesDocument.Anchor(Key);
}
