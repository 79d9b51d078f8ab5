using Rsc.Reports;
using Rsc.Reports.Matrix;
using Rsc.Harness.Core.Capture;

namespace Rsc.Cli.Commands;

/// <summary>`rsc matrix`: several runs' results side by side, one column per device.</summary>
public sealed class MatrixCommand(CliEnvironment env) : ICommand
{
    public string Name => "matrix";

    public string Summary => "put several runs' results.json side by side (device x case)";

    public string Help => """
        usage: rsc matrix RESULTS.json... [--diff] [--out FILE]

        Reads the results.json of several runs (for example the reference device, reference-tap,
        linux-gro and qemu) and prints a markdown table: a row per case, a column per run, each cell
        the outcome and, when it is not a Pass, the rule that decided it; a last row gives the totals.
          --diff        only the cases whose outcomes differ between the runs
          --out FILE    also write the table to FILE
        Exit code: 0, or 2 when a file is missing or is not a results.json.
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(Name, args, ["--out"], ["--diff"]);
        if (a.HelpRequested)
        {
            env.Out.WriteLine(Help);
            return Task.FromResult(ExitCodes.Success);
        }
        a.ExpectPositionals(1, int.MaxValue, "one or more results.json files");
        var runs = new List<ResultsDocument>();
        foreach (var path in a.Positionals)
        {
            try
            {
                runs.Add(ResultsJson.ReadFile(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or NotSupportedException or ArgumentException)
            {
                throw new UsageException($"cannot read results from '{path}': {e.Message}");
            }
        }
        var table = DutMatrix.RenderMarkdown(runs, a.Has("--diff"));
        env.Out.Write(table);
        if (a.Single("--out") is { } outPath)
        {
            AtomicFile.WriteText(outPath, table);
        }
        return Task.FromResult(ExitCodes.Success);
    }
}
