using System.Globalization;
using Rsc.Cli.Terminal;
using Rsc.Evidence.Handlers;
using Rsc.Harness.Core;
using Rsc.Harness.Reporting;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc run`: runs the selected cases, recording results.json after every case and artifacts per case.</summary>
public sealed class RunCommand(CliEnvironment env)
{
    public async Task<int> RunAsync(RunArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = arguments.Settings;
        var cases = CaseSelection.Resolve(env.Cases, arguments.Cases, arguments.Sections);
        var factory = env.Device(settings.DutSpec);
        settings = settings with { Options = settings.Options.For(factory) };
        if (cases.Count == 0)
        {
            throw new UsageException("no cases to run; see 'rsc list'");
        }
        // A file that cannot be used costs no run (and leaves no folder behind).
        RunExpectationGate? expectations = null;
        if (arguments.Expect is { } expectPath && (expectations = RunExpectationGate.Open(expectPath, env.Error)) is null)
        {
            return ExitCodes.Usage;
        }
        var started = env.Clock.GetUtcNow();
        var outDir = arguments.Out ?? DefaultFolder(started);
        var header = settings.Header(started, CaseSelection.Describe(arguments.Cases, arguments.Sections), env.Cases) with
        {
            Planned = cases.Count,
            PlannedCases = [.. cases.Select(c => c.Id)],
        };
        var folder = RunSettings.OpenFolder(outDir, header, new RunFolderOptions
        {
            JUnitFile = arguments.JUnit,
            AllureFolders = arguments.Allure ?? [],
            Clock = env.Clock,
        });
        var runner = env.Runner(factory, settings.Options);
        var log = CaseLog.For(env, [.. cases.Select(c => c.Id)]);

        log.Line($"rsc: {cases.Count} case(s) on {settings.DutSpec}, interval {WireLog.Us(settings.Options.DrainIntervalNs)}, spacing {WireLog.Us(settings.Options.SpacingNs)}");
        log.Line($"rsc: results in {folder.Path}");
        var entries = new List<CaseEntry>(cases.Count);
        using var limit = RunLimit.Start(arguments.RunTimeout, env.Clock, cancellationToken);
        try
        {
            for (int i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                log.Started(i, c.Id);
                folder.Begin(c.Id);
                var result = await runner.RunAsync(c, limit.Token).ConfigureAwait(false);
                var entry = folder.Record(result);
                entries.Add(entry);
                log.Finished(entry);
            }
        }
        catch (OperationCanceledException) when (limit.Token.IsCancellationRequested)
        {
            var timedOut = limit.Expired && !cancellationToken.IsCancellationRequested;
            if (timedOut)
            {
                folder.Interrupt(InterruptionEntry.Timeout, env.Clock.GetUtcNow(), limit.Description);
            }
            else
            {
                folder.Interrupt(InterruptionEntry.Signal, env.Clock.GetUtcNow(), env.InterruptSignal());
            }
            await log.StoppedAsync(timedOut ? "timed out" : "interrupted").ConfigureAwait(false);
            await log.SummaryAsync(entries).ConfigureAwait(false);
            env.Out.WriteLine(folder.Document.IncompleteNote());
            env.Error.WriteLine(timedOut
                ? $"rsc: {limit.Description} after {entries.Count} of {cases.Count} case(s); incomplete results in {folder.ResultsPath}"
                : $"rsc: interrupted after {entries.Count} of {cases.Count} case(s); incomplete results in {folder.ResultsPath}");
            return timedOut ? ExitCodes.Failure : ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            folder.Interrupt(InterruptionEntry.Error, env.Clock.GetUtcNow(), $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            await log.StoppedAsync("stopped by an error").ConfigureAwait(false);
            throw;
        }
        folder.Finish(env.Clock.GetUtcNow());
        await log.SummaryAsync(entries).ConfigureAwait(false);
        log.Line($"rsc: results written to {folder.ResultsPath}");
        if (arguments.JUnit is { } junit && folder.Problems.Count == 0)
        {
            log.Line($"rsc: JUnit XML written to {junit}");
        }
        foreach (var problem in folder.Problems)
        {
            env.Error.WriteLine($"rsc: {problem}");
        }
        return expectations is null
            ? ExitCodeFor(entries.Select(e => e.Outcome))
            : expectations.Judge(folder.Document, env.Out, env.Error);
    }

    public static int ExitCodeFor(IEnumerable<Outcome> outcomes) =>
        outcomes.Any(o => o is Outcome.Fail or Outcome.Error) ? ExitCodes.Failure : ExitCodes.Success;

    public static string DefaultFolder(DateTimeOffset startedUtc) =>
        Path.Combine("out", "runs", startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
}
