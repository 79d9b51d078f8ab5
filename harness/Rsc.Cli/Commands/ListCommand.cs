using System.Text.Json;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc list`: the catalogue as a table or as JSON.</summary>
public sealed class ListCommand(CliEnvironment env) : ICommand
{
    public string Name => "list";

    public string Summary => "list the conformance cases";

    public string Help => """
        usage: rsc list [--format table|json] [--case ID]... [--section S]...

        Lists the conformance cases: a table (id, section, level, title), or with --format json an
        array of objects with id, title, section, level, requirement, source and description.
        --case and --section narrow the list (repeatable; commas separate several values).
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(Name, args, ["--format", "--case", "--section"]);
        if (a.HelpRequested)
        {
            env.Out.WriteLine(Help);
            return Task.FromResult(ExitCodes.Success);
        }
        a.ExpectPositionals(0, 0, "no arguments");
        var format = a.Single("--format") ?? "table";
        var cases = CaseSelection.Resolve(env.Cases, a.All("--case"), a.All("--section"));
        switch (format)
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
                });
                env.Out.WriteLine(JsonSerializer.Serialize(items, ResultsJson.Options));
                break;
            default:
                throw new UsageException($"--format must be 'table' or 'json', not '{format}'");
        }
        return Task.FromResult(ExitCodes.Success);
    }
}
