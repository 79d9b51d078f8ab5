using System.Reflection;
using System.Text;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.TestCases.Tests;

/// <summary>
/// The rule index each section of <c>testcases/rules.md</c> carries: every rule of RuleCatalog that
/// reports under the section, with its level and text, between two markers. The document holds the
/// generated text verbatim; <see cref="RulesDocumentTests"/> fails, printing the block to paste,
/// when the catalogue and the document disagree.
/// </summary>
internal static class RuleIndexMarkdown
{
    private static readonly HashSet<string> Behaviour = typeof(BehaviourRules)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    public static string Begin(string section) => $"<!-- rule-index {section}: generated from RuleCatalog; RulesDocumentTests checks it -->";

    public static string End(string section) => $"<!-- end rule-index {section} -->";

    /// <summary>The block for one section, markers included, with "\n" line ends.</summary>
    public static string For(string section)
    {
        var rules = RuleCatalog.All.Where(r => r.Section == section).ToList();
        var text = new StringBuilder().Append(Begin(section)).Append('\n');
        if (rules.Count == 0)
        {
            text.Append("No rule id reports under ").Append(section).Append(".\n");
        }
        else
        {
            text.Append("| rule | level | requirement |\n| --- | --- | --- |\n");
            foreach (var rule in rules)
            {
                text.Append("| `").Append(rule.Id).Append("` | ").Append(Level(rule)).Append(" | ")
                    .Append(rule.Text.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }
        }
        return text.Append(End(section)).ToString();
    }

    private static string Level(RuleDescriptor rule) => rule.Level switch
    {
        RequirementLevel.Must => "MUST",
        RequirementLevel.Should => "SHOULD",
        RequirementLevel.Info => "Info",
        _ => Behaviour.Contains(rule.Id) ? "as the case states (behaviour rule)" : "as the case states",
    };
}
