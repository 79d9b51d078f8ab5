using System.Reflection;
using Rsc.Harness.Oracle.Rules;

namespace Rsc.Harness.Oracle.Tests;

/// <summary>The catalogue of rules: every id the oracle can report is declared there once, with its level and section.</summary>
public sealed class RuleCatalogTests
{
    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    [Test]
    public void Every_general_rule_is_in_the_catalogue_with_a_level_and_a_section()
    {
        foreach (var id in Constants(typeof(OracleRules)))
        {
            var rule = RuleCatalog.Find(id);
            Assert.That(rule, Is.Not.Null, $"{id} is not in RuleCatalog");
            Assert.That(rule!.Level, Is.Not.Null, $"{id}: a general rule weighs as its own level");
            Assert.That(id, Does.StartWith(rule.Section + "."), $"{id} is stated in section {rule.Section}");
            Assert.That(rule.Text, Is.Not.Empty);
        }
    }

    [Test]
    public void Every_id_is_declared_once()
    {
        var ids = RuleCatalog.All.Select(rule => rule.Id).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.SupersetOf(Constants(typeof(OracleRules)).Concat(Constants(typeof(ExpectationRules))).Concat(Constants(typeof(BehaviourRules)))));
    }

    [Test]
    public void The_catalogue_holds_no_general_rule_the_oracle_does_not_name()
    {
        var general = RuleCatalog.All.Where(rule => rule.Level is not null).Select(rule => rule.Id);
        Assert.That(general, Is.EquivalentTo(Constants(typeof(OracleRules))));
    }
}
