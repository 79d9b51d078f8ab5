using System.Text.Json;
using Rsc.Harness.Oracle.Rules;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc rules`: the oracle's rule catalogue, whole or narrowed to an id or a prefix.</summary>
public sealed class RulesCommand(CliEnvironment env)
{
    /// <summary>What the level column says for a rule checked at the level its case states.</summary>
    public const string AsStated = "as stated";

    public Task<int> RunAsync(RulesArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var rules = Select(RuleCatalog.All, arguments.Filter);
        if (rules.Count == 0)
        {
            throw new UsageException($"no rule matches '{arguments.Filter}'; see 'rsc rules'");
        }
        if (arguments.Format == "json")
        {
            var items = rules.Select(r => new
            {
                id = r.Id,
                level = r.Level?.ToString(),
                text = r.Text,
                section = r.Section,
                document = r.DocumentAnchor,
            });
            env.Out.WriteLine(JsonSerializer.Serialize(items, ResultsJson.Options));
            return Task.FromResult(ExitCodes.Success);
        }
        var table = new TextTable("ID", "LEVEL", "SECTION", "RULE");
        foreach (var rule in rules)
        {
            table.Add(rule.Id, Level(rule), rule.Section, rule.Text);
        }
        env.Out.Write(table.Render());
        env.Out.WriteLine($"{rules.Count} rule(s); sections are in testcases/rules.md");
        return Task.FromResult(ExitCodes.Success);
    }

    public static string Level(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Level?.ToString() ?? AsStated;
    }

    /// <summary>The rule with exactly this id, else the rules whose ids start with it (case-insensitive), in catalogue order; all when no filter.</summary>
    public static IReadOnlyList<RuleDescriptor> Select(IReadOnlyList<RuleDescriptor> rules, string? filter)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (string.IsNullOrEmpty(filter))
        {
            return rules;
        }
        var exact = rules.Where(r => string.Equals(r.Id, filter, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact.Count > 0 ? exact : [.. rules.Where(r => r.Id.StartsWith(filter, StringComparison.OrdinalIgnoreCase))];
    }
}
