using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Sources;

namespace Rsc.TestCases.Tests;

/// <summary>
/// <c>testcases/rules.md</c> is what reviewers cite: every source key and every rule section has its
/// anchor, every rule id of RuleCatalog is listed under its section, every URL is https, and the
/// links other documents make to it resolve.
/// </summary>
[TestFixture]
public sealed class RulesDocumentTests
{
    private const string OracleReadme = "harness/Rsc.Harness.Oracle/README.md";
    private const string Interpretation = "testcases/interpretation.md";

    private static readonly Lazy<MarkdownDocument> Rules = new(() => new MarkdownDocument(RepositoryFiles.Read(RulesDocument.Path)));

    /// <summary>Every key the document must have a section for: the cases' sources and the project's own sections.</summary>
    private static IEnumerable<string> Keys => SourceCatalog.All.Select(s => s.Key).Concat(RulesDocument.ProjectSections);

    private static IEnumerable<string> RuleSections => RuleCatalog.All.Select(r => r.Section).Distinct(StringComparer.Ordinal);

    [Test]
    public void EveryKeyOpensAnAnchoredSectionNamedByIt()
    {
        Assert.Multiple(() =>
        {
            foreach (var key in Keys)
            {
                string? section = Rules.Value.Section(RulesDocument.AnchorId(key));
                Assert.That(section, Is.Not.Null, $"{key}: no <a id=\"{RulesDocument.AnchorId(key)}\"></a> right before a ## heading");
                Assert.That(section?.Split('\n')[1], Does.StartWith($"## {key} "), $"{key}: the heading names another key");
            }
        });
    }

    [Test]
    public void EveryRuleSectionIsASourceKeyOrAProjectSection() =>
        Assert.That(RuleSections, Is.SubsetOf(Keys), "a RuleCatalog section with no place in rules.md (add it to SourceCatalog or RulesDocument.ProjectSections)");

    [Test]
    public void EveryRuleSectionHasItsAnchorAndDescriptorsPointToIt()
    {
        Assert.Multiple(() =>
        {
            foreach (var section in RuleSections)
            {
                Assert.That(Rules.Value.SectionIds, Does.Contain(RulesDocument.AnchorId(section)), $"section {section}");
            }
            foreach (var rule in RuleCatalog.All)
            {
                Assert.That(rule.DocumentAnchor, Is.EqualTo(RulesDocument.Anchor(rule.Section)), rule.Id);
            }
        });
    }

    [Test]
    public void EveryRuleIdIsListedUnderItsSection() => Assert.That(MissingRules(Rules.Value), Is.Empty);

    [Test]
    public void EveryRuleIdTheDocumentNamesIsInTheCatalogue()
    {
        var named = MarkdownDocument.RuleIdsIn(RepositoryFiles.Read(RulesDocument.Path));
        Assert.That(named.Where(id => !RuleCatalog.Contains(id)), Is.Empty, "rule ids in rules.md that RuleCatalog does not have");
    }

    [Test]
    public void RuleIndexesAreTheCataloguesOwn()
    {
        Assert.Multiple(() =>
        {
            foreach (var key in Keys)
            {
                string expected = RuleIndexMarkdown.For(key);
                string? actual = Rules.Value.RuleIndex(key);
                Assert.That(actual, Is.EqualTo(expected), () => $"the rule index of {key} differs from RuleCatalog; in section #{RulesDocument.AnchorId(key)} it should read:\n\n{expected}\n");
                string? section = Rules.Value.Section(RulesDocument.AnchorId(key));
                Assert.That(actual is null || section is null || section.Contains(actual, StringComparison.Ordinal), Is.True, $"the rule index of {key} lies outside its section");
            }
        });
    }

    [Test]
    public void EverySourceIsCitedWithItsUrlInItsSection()
    {
        Assert.Multiple(() =>
        {
            foreach (var source in SourceCatalog.All)
            {
                Assert.That(Rules.Value.Section(RulesDocument.AnchorId(source.Key)), Does.Contain(source.Url), source.Key);
            }
        });
    }

    [Test]
    public void EveryUrlIsWellFormedHttps()
    {
        var urls = Rules.Value.Urls;
        Assert.That(urls, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var url in urls)
            {
                bool parsed = Uri.TryCreate(url, UriKind.Absolute, out var uri);
                Assert.That(parsed && uri!.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.', StringComparison.Ordinal), Is.True, url);
            }
        });
    }

    [Test]
    public void LinksInTheRulesDocumentResolve() =>
        Assert.That(BrokenLinks(RulesDocument.Path, _ => true), Is.Empty);

    [Test]
    public void ReadmeLinksToTheRulesResolve()
    {
        Assert.Multiple(() =>
        {
            foreach (var readme in new[] { "README.md", OracleReadme })
            {
                Assert.That(BrokenLinks(readme, IntoTheRules), Is.Empty, readme);
            }
            var oracleLinks = new MarkdownDocument(RepositoryFiles.Read(OracleReadme)).LinkTargetsUsed;
            Assert.That(oracleLinks.Where(IntoTheRules).Where(l => l.Contains("rules.md", StringComparison.Ordinal)), Is.Not.Empty,
                $"{OracleReadme} names no section of rules.md");
        });
    }

    [Test]
    public void InterpretationIsAPointerToTheRules()
    {
        var pointer = new MarkdownDocument(RepositoryFiles.Read(Interpretation));
        Assert.That(pointer.LinkTargetsUsed, Has.Some.StartsWith("rules.md"));
        Assert.That(BrokenLinks(Interpretation, _ => true), Is.Empty);
        Assert.That(Rules.Value.SectionIds, Does.Contain("interpretation"), "rules.md holds the interpretation the pointer leads to");
    }

    [Test]
    public void MissingRuleIsReported()
    {
        var rule = RuleCatalog.All[0];
        string doctored = RepositoryFiles.Read(RulesDocument.Path).Replace($"`{rule.Id}`", $"`{rule.Id}-gone`", StringComparison.Ordinal);
        Assert.That(MissingRules(new MarkdownDocument(doctored)), Has.Some.StartsWith(rule.Id + " "));
    }

    [Test]
    public void RuleUnderAnotherSectionIsReported()
    {
        var rule = RuleCatalog.All.First(r => r.Section != "R");
        var text = RepositoryFiles.Read(RulesDocument.Path);
        string? own = new MarkdownDocument(text).Section(RulesDocument.AnchorId(rule.Section));
        Assume.That(own, Is.Not.Null);
        string moved = text.Replace(own!, own!.Replace($"`{rule.Id}`", "`moved`", StringComparison.Ordinal), StringComparison.Ordinal)
            + $"\n<a id=\"elsewhere\"></a>\n## ELSEWHERE\n`{rule.Id}`\n";
        Assert.That(MissingRules(new MarkdownDocument(moved)), Has.Some.StartsWith(rule.Id + " "));
    }

    /// <summary>"id (section S)" for every RuleCatalog rule not written, in a code span, inside its own section.</summary>
    private static List<string> MissingRules(MarkdownDocument document) =>
    [
        .. RuleCatalog.All
            .Where(r => document.Section(RulesDocument.AnchorId(r.Section)) is not { } section || !MarkdownDocument.RuleIdsIn(section).Contains(r.Id))
            .Select(r => $"{r.Id} (section {r.Section}, {r.DocumentAnchor})"),
    ];

    private static bool IntoTheRules(string target)
    {
        string path = target.Split('#')[0];
        return path.EndsWith("rules.md", StringComparison.Ordinal) || path.EndsWith("interpretation.md", StringComparison.Ordinal);
    }

    /// <summary>Relative links of a document (those <paramref name="select"/> keeps) whose file or fragment does not exist.</summary>
    private static List<string> BrokenLinks(string document, Func<string, bool> select)
    {
        var markdown = new MarkdownDocument(RepositoryFiles.Read(document));
        string directory = Path.GetDirectoryName(RepositoryFiles.PathOf(document))!;
        var broken = new List<string>();
        foreach (var target in markdown.LinkTargetsUsed.Where(t => !t.Contains("://", StringComparison.Ordinal) && !t.StartsWith("mailto:", StringComparison.Ordinal)).Where(select))
        {
            string[] parts = target.Split('#', 2);
            string? fragment = parts.Length == 2 ? parts[1] : null;
            if (parts[0].Length == 0)
            {
                if (fragment is null || !markdown.LinkTargets.Contains(fragment))
                {
                    broken.Add($"{target}: no such anchor in {document}");
                }
                continue;
            }
            string file = Path.GetFullPath(Path.Combine(directory, parts[0]));
            if (!file.StartsWith(RepositoryFiles.Root, StringComparison.Ordinal) || !(File.Exists(file) || Directory.Exists(file)))
            {
                broken.Add($"{target}: no such file in the repository");
            }
            else if (fragment is not null && file.EndsWith(".md", StringComparison.Ordinal) && !new MarkdownDocument(File.ReadAllText(file)).LinkTargets.Contains(fragment))
            {
                broken.Add($"{target}: no anchor #{fragment} in {Path.GetRelativePath(RepositoryFiles.Root, file)}");
            }
        }
        return broken;
    }
}
