namespace Rsc.TestCases.Sources;

/// <summary>
/// Where the project states its rules: <c>testcases/rules.md</c>, one section per key, each opened by
/// an explicit anchor equal to the key in lower case (so <c>rules.md#iph</c> resolves on GitHub and in
/// a browser). The keys are the sources cases cite plus the sections that are the project's own.
/// </summary>
public static class RulesDocument
{
    /// <summary>The document, relative to the repository root.</summary>
    public const string Path = "testcases/rules.md";

    /// <summary>
    /// Sections no outside document states: conservation, order, and facts about the run itself.
    /// Oracle rules report under them; cases never cite them as a source.
    /// </summary>
    public static IReadOnlyList<string> ProjectSections { get; } = ["CONS", "ORDER", "HARNESS"];

    /// <summary>The anchor id of a section: the key in lower case.</summary>
    public static string AnchorId(string key) => key.ToLowerInvariant();

    /// <summary>The section's address relative to the repository root, e.g. "testcases/rules.md#iph".</summary>
    public static string Anchor(string key) => $"{Path}#{AnchorId(key)}";
}
