using System.Text.Json;
using Rsc.Reports;
using Rsc.TestCases.Sources;

namespace Rsc.Cli.Commands;

/// <summary>`rsc list`: the catalogue as a table or as JSON.</summary>
public sealed class ListCommand(CliEnvironment env)
{
    public Task<int> RunAsync(ListArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var cases = CaseSelection.Resolve(env.Cases, arguments.Cases, arguments.Sections);
        switch (arguments.Format)
        {
            case "table":
                var table = new TextTable("ID", "SECTION", "LEVEL", "TITLE");
                foreach (var c in cases)
                {
                    table.Add(c.Id, c.Section, c.Level.ToString(), c.Title);
                }
                env.Out.Write(table.Render());
                env.Out.WriteLine($"{cases.Count} case(s)");
                break;
            case "json":
                var items = cases.Select(c => new
                {
                    id = c.Id,
                    title = c.Title,
                    section = c.Section,
                    level = c.Level.ToString(),
                    requirement = c.Requirement,
                    source = c.Source,
                    description = c.Description,
                    pinnedIntervalUs = c.DrainIntervalNs / 1000.0,
                    pinnedSpacingUs = c.SpacingNs / 1000.0,
                    sources = SourceCatalog.For(c),
                });
                env.Out.WriteLine(JsonSerializer.Serialize(items, ResultsJson.Options));
                break;
            default:
                throw new UsageException($"--format must be 'table' or 'json', not '{arguments.Format}'");
        }
        return Task.FromResult(ExitCodes.Success);
    }
}
