using System.Text.Json;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Tests.Cli;

/// <summary>`rsc rules`: the oracle's rule catalogue, its single source.</summary>
public sealed class RulesCommandTests
{
    [Test]
    public void Text_lists_every_rule_of_the_catalogue_with_its_level_and_section()
    {
        var cli = new CliHarness();

        Assert.That(cli.Run("rules"), Is.Zero, cli.Error);
        var lines = cli.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Match("^ID +LEVEL +SECTION +RULE$"));
            Assert.That(lines[^1], Is.EqualTo($"{RuleCatalog.All.Count} rule(s); sections are in testcases/rules.md"));
            foreach (var rule in RuleCatalog.All)
            {
                var level = rule.Level?.ToString() ?? "as stated";
                Assert.That(lines, Has.One.Match($"^{System.Text.RegularExpressions.Regex.Escape(rule.Id)} +{level} +{rule.Section} +"), rule.Id);
            }
        });
    }

    [Test]
    public void Rules_checked_at_the_stated_level_say_so()
    {
        var stated = RuleCatalog.All.First(r => r.Level is null);
        var cli = new CliHarness();

        cli.Run("rules", stated.Id);

        Assert.That(cli.Out, Does.Contain($"{stated.Id}  as stated"));
    }

    [Test]
    public void Json_gives_id_level_text_section_and_document()
    {
        var cli = new CliHarness();

        Assert.That(cli.Run("rules", "--format", "json"), Is.Zero, cli.Error);
        using var json = JsonDocument.Parse(cli.Out);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(RuleCatalog.All.Count));
            for (int i = 0; i < items.Count; i++)
            {
                var rule = RuleCatalog.All[i];
                Assert.That(items[i].GetProperty("id").GetString(), Is.EqualTo(rule.Id));
                Assert.That(items[i].GetProperty("level").ValueKind == JsonValueKind.Null ? null : items[i].GetProperty("level").GetString(), Is.EqualTo(rule.Level?.ToString()));
                Assert.That(items[i].GetProperty("text").GetString(), Is.EqualTo(rule.Text));
                Assert.That(items[i].GetProperty("section").GetString(), Is.EqualTo(rule.Section));
                Assert.That(items[i].GetProperty("document").GetString(), Is.EqualTo(rule.DocumentAnchor));
            }
        });
    }

    [Test]
    public void A_prefix_narrows_to_the_rules_that_start_with_it_case_insensitively()
    {
        var prefix = RuleCatalog.All[0].Id.Split('.')[0];
        var cli = new CliHarness();

        Assert.That(cli.Run("rules", "--format=json", prefix.ToLowerInvariant()), Is.Zero, cli.Error);
        using var json = JsonDocument.Parse(cli.Out);
        Assert.That(json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()),
            Is.EqualTo(RuleCatalog.All.Where(r => r.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(r => r.Id)));
    }

    [Test]
    public void An_id_that_matches_nothing_is_a_usage_error()
    {
        var cli = new CliHarness();

        Assert.Multiple(() =>
        {
            Assert.That(cli.Run("rules", "NOPE.nothing"), Is.EqualTo(2));
            Assert.That(cli.Error, Is.EqualTo("rsc: no rule matches 'NOPE.nothing'; see 'rsc rules'\n"));
        });
    }
}
