using System.Text.Json;
using Rsc.Reports.KillMatrix;

namespace Rsc.Reports.Html.Input;

/// <summary>What the --in paths hold: run folders (results.json) and kill-matrix outputs (kill-matrix.json).</summary>
public sealed record ReportInputs(IReadOnlyList<RunSource> Runs, IReadOnlyList<KillMatrixSource> KillMatrices)
{
    /// <summary>
    /// Reads each path: a folder holding results.json or kill-matrix.json, or one of those files itself.
    /// Throws <see cref="ReportInputException"/> naming the first path that is neither.
    /// </summary>
    public static ReportInputs Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ReportInputException("no input: give at least one --in RUN_DIR");
        }
        var runs = new List<RunSource>();
        var matrices = new List<KillMatrixSource>();
        foreach (var given in paths)
        {
            var path = Path.GetFullPath(given);
            if (File.Exists(path))
            {
                var name = Path.GetFileName(path);
                var folder = Path.GetDirectoryName(path)!;
                if (name == KillMatrixJson.FileName)
                {
                    matrices.Add(KillMatrixSource.Load(folder));
                }
                else
                {
                    runs.Add(RunSource.Load(folder));
                }
                continue;
            }
            if (!Directory.Exists(path))
            {
                throw new ReportInputException($"{given}: no such folder");
            }
            bool hasResults = File.Exists(Path.Combine(path, RunSource.ResultsFileName));
            bool hasMatrix = File.Exists(Path.Combine(path, KillMatrixJson.FileName));
            if (!hasResults && !hasMatrix)
            {
                throw new ReportInputException($"{given}: neither {RunSource.ResultsFileName} nor {KillMatrixJson.FileName} is there; give a folder written by 'rsc run' or 'rsc faults'");
            }
            if (hasResults)
            {
                runs.Add(RunSource.Load(path));
            }
            if (hasMatrix)
            {
                matrices.Add(KillMatrixSource.Load(path));
            }
        }
        return new ReportInputs(runs, matrices);
    }
}

/// <summary>A kill-matrix output folder.</summary>
public sealed record KillMatrixSource(string Folder, KillMatrixDocument Document)
{
    public static KillMatrixSource Load(string folder)
    {
        var path = Path.Combine(folder, KillMatrixJson.FileName);
        try
        {
            return new KillMatrixSource(Path.GetFullPath(folder), KillMatrixJson.ReadFile(path));
        }
        catch (JsonException e)
        {
            throw new ReportInputException($"{path} is not a kill matrix: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportInputException($"cannot read {path}: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
    }
}
