using System.Globalization;
using Rsc.Harness.Rejudging;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc rejudge`: a recorded run's captures judged again into a new run folder, with what changed.</summary>
public sealed class RejudgeCommand(CliEnvironment env)
{
    public Task<int> RunAsync(RejudgeArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ResultsDocument recorded;
        try
        {
            recorded = RunRejudger.ReadResults(arguments.RunFolder);
        }
        catch (RecordedRunException e)
        {
            throw new UsageException(e.Message);
        }
        var outDir = arguments.Out ?? DefaultFolder(env.Clock.GetUtcNow());
        if (string.Equals(Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(arguments.RunFolder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new UsageException("--out must not be RUN_DIR: the recorded run is evidence and is only read");
        }
        var rejudger = new RunRejudger(env.Cases, new ToolEntry(ToolInfo.Name, ToolInfo.Version), env.Clock);
        Harness.Reporting.RunFolder folder;
        try
        {
            folder = rejudger.Open(arguments.RunFolder, recorded, outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write results to '{outDir}': {e.Message}");
        }

        env.Out.WriteLine($"rsc: re-judging {recorded.Cases.Count} case(s) of {arguments.RunFolder} ({recorded.Dut.Name}, recorded by {recorded.Tool.Name} {recorded.Tool.Version})");
        var changed = 0;
        IReadOnlyList<(CaseEntry Recorded, CaseEntry Rejudged)> pairs;
        try
        {
            pairs = rejudger.Rejudge(arguments.RunFolder, recorded, folder, (before, after) =>
            {
                if (VerdictDifference.Of(before, after) is { } difference)
                {
                    changed++;
                    env.Out.WriteLine(difference.ToString());
                }
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            folder.Interrupt(InterruptionEntry.Signal, env.Clock.GetUtcNow(), env.InterruptSignal());
            env.Error.WriteLine($"rsc: interrupted; incomplete results in {folder.ResultsPath}");
            return Task.FromResult(ExitCodes.Interrupted);
        }
        env.Out.WriteLine($"rsc: {pairs.Count} case(s) re-judged: {pairs.Count - changed} with the recorded verdict, {changed} changed");
        env.Out.WriteLine(SummaryTable.Totals(folder.Document.Summary));
        env.Out.WriteLine($"rsc: results written to {folder.ResultsPath}");
        return Task.FromResult(RunCommand.ExitCodeFor(pairs.Select(pair => pair.Rejudged.Outcome)));
    }

    public static string DefaultFolder(DateTimeOffset startedUtc) =>
        Path.Combine("out", "rejudged", startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
}
