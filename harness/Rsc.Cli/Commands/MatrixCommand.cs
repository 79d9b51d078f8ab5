using Rsc.Reports;
using Rsc.Reports.Matrix;
using Rsc.Harness.Core.Capture;

namespace Rsc.Cli.Commands;

/// <summary>`rsc matrix`: several runs' results side by side, one column per device.</summary>
public sealed class MatrixCommand(CliEnvironment env)
{
    public Task<int> RunAsync(MatrixArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var runs = new List<ResultsDocument>();
        foreach (var path in arguments.Results)
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
        var table = DutMatrix.RenderMarkdown(runs, arguments.DiffOnly);
        env.Out.Write(table);
        if (arguments.Out is { } outPath)
        {
            AtomicFile.WriteText(outPath, table);
        }
        return Task.FromResult(ExitCodes.Success);
    }
}
