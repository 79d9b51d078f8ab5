using Rsc.Harness.Core;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// One rule the oracle can report: its id (as findings carry it), how much a violation weighs, the
/// rule in words, and the section of <c>testcases/rules.md</c> that states it (the source key, e.g.
/// "IPH"; the document's anchor is the key in lower case).
/// </summary>
/// <param name="Level">MUST, SHOULD or Info; null for rules a case checks at the level it states (expectations, behaviour rules).</param>
public sealed record RuleDescriptor(string Id, RequirementLevel? Level, string Text, string Section)
{
    /// <summary>Where the rule is stated, relative to the repository root.</summary>
    public string DocumentAnchor => $"testcases/rules.md#{Section.ToLowerInvariant()}";
}
