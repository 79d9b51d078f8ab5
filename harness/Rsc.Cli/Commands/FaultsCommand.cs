using System.Globalization;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.KillMatrix;
using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports;
using Rsc.Reports.KillMatrix;

namespace Rsc.Cli.Commands;

/// <summary>
/// `rsc faults`: the kill matrix. Runs the selected cases on the fault-free reference device and on the
/// reference device with each named fault, and shows which cases catch which fault.
/// </summary>
public sealed class FaultsCommand(CliEnvironment env)
{
    public async Task<int> RunAsync(FaultsArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = arguments.Settings;
        var faults = ResolveFaults(env.Faults, arguments.Faults);
        var cases = CaseSelection.Resolve(env.Cases, arguments.Cases, arguments.Sections);
        if (cases.Count == 0)
        {
            throw new UsageException("no cases to run; see 'rsc list'");
        }
        var started = env.Clock.GetUtcNow();
        var outDir = arguments.Out ?? DefaultFolder(started);
        var jsonPath = Path.Combine(outDir, KillMatrixJson.FileName);
        var textPath = Path.Combine(outDir, KillMatrixTable.TextFileName);
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write the kill matrix to '{outDir}': {e.Message}");
        }

        int total = faults.Count + 1;
        var options = settings.Options;
        await using var progress = MatrixProgress.For(env, faults, cases.Count);
        var runner = new KillMatrixRunner(cases, faults, settings.Options)
        {
            CreateFactory = spec => progress.Observe(env.Device(spec)),
            CreateRunner = env.Runner,
            MaxParallelism = env.MatrixParallelism ?? new KillMatrixRunner([], []).MaxParallelism,
        };
        progress.Line($"rsc: {cases.Count} case(s) x {total} device configuration(s) (fault-free + {faults.Count} fault(s)), interval {WireLog.Us(options.DrainIntervalNs)}, spacing {WireLog.Us(options.SpacingNs)}");
        progress.Line($"rsc: kill matrix in {outDir}");
        KillMatrixResult result;
        using var limit = RunLimit.Start(arguments.RunTimeout, env.Clock, cancellationToken);
        try
        {
            result = await runner.RunAsync(progress.RowDone, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.Token.IsCancellationRequested)
        {
            bool timedOut = limit.Expired && !cancellationToken.IsCancellationRequested;
            await progress.StopAsync(timedOut ? "timed out" : "interrupted").ConfigureAwait(false);
            env.Error.WriteLine($"rsc: {(timedOut ? limit.Description : "interrupted")} after {progress.RowsDone} of {total} device configuration(s); no kill matrix written");
            return timedOut ? ExitCodes.Failure : ExitCodes.Interrupted;
        }
        await progress.StopAsync(null).ConfigureAwait(false);

        var document = result.ToDocument(
            started,
            new ToolEntry(ToolInfo.Name, ToolInfo.Version),
            new KillMatrixSettings(options.DrainIntervalNs / 1000.0, options.SpacingNs / 1000.0));
        try
        {
            KillMatrixJson.WriteFile(jsonPath, document);
            AtomicFile.WriteText(textPath, KillMatrixTable.RenderMatrix(document));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write the kill matrix to '{outDir}': {e.Message}");
        }
        env.Out.WriteLine();
        env.Out.Write(KillMatrixTable.RenderSummary(document));
        env.Out.WriteLine($"rsc: kill matrix written to {jsonPath} and {textPath}");

        foreach (var cell in result.BaselineFailures)
        {
            env.Error.WriteLine($"rsc: the fault-free device did not pass {cell.CaseId}: {cell.Outcome}{(cell.Note is null ? "" : " - " + Shorten(cell.Note, 160))}");
        }
        if (result.Escaped.Count > 0)
        {
            env.Error.WriteLine($"rsc: {result.Escaped.Count} fault(s) escaped every case: {string.Join(", ", result.Escaped)}");
        }
        return result.IsClean ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Shorten(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 3), "...");
    }

    public static string DefaultFolder(DateTimeOffset startedUtc) =>
        Path.Combine("out", "faults", startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>The --fault names in their canonical spelling (all of <paramref name="known"/> when none is given), duplicates dropped.</summary>
    public static IReadOnlyList<string> ResolveFaults(IReadOnlyList<string> known, IReadOnlyList<string> requested)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(requested);
        if (requested.Count == 0)
        {
            if (known.Count == 0)
            {
                throw new UsageException("this build of the reference device knows no faults");
            }
            return known;
        }
        var chosen = new List<string>();
        foreach (var name in requested)
        {
            var found = known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException(known.Count == 0
                    ? $"unknown fault '{name}'; this build of the reference device knows no faults"
                    : $"unknown fault '{name}'; known faults: {string.Join(", ", known)}");
            if (!chosen.Contains(found, StringComparer.Ordinal))
            {
                chosen.Add(found);
            }
        }
        return chosen;
    }
}
