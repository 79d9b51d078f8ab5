using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc repro ID`: one case, verbosely: the traffic, every guest frame decoded, findings beside their frames.</summary>
public sealed class ReproCommand(CliEnvironment env)
{
    public async Task<int> RunAsync(ReproArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var id = arguments.CaseId;
        var settings = arguments.Settings;
        var conformanceCase = CaseSelection.Resolve(env.Cases, [id], [])[0];
        var factory = env.Device(settings.DutSpec);
        settings = settings with { Options = settings.Options.For(factory) };
        var started = env.Clock.GetUtcNow();
        var outDir = arguments.Out;
        var folder = outDir is null ? null : RunSettings.OpenFolder(outDir, settings.Header(started, [conformanceCase.Id], env.Cases) with
        {
            Planned = 1,
            PlannedCases = [conformanceCase.Id],
        });

        folder?.Begin(conformanceCase.Id);
        CaseResult result;
        try
        {
            result = await env.Runner(factory, settings.Options).RunAsync(conformanceCase, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            folder?.Interrupt(InterruptionEntry.Signal, env.Clock.GetUtcNow(), env.InterruptSignal());
            throw;
        }
        env.Out.Write(WireLog.Render(result));
        if (folder is not null)
        {
            var entry = folder.Record(result);
            folder.Finish(env.Clock.GetUtcNow());
            env.Out.WriteLine($"rsc: artifacts in {Path.Combine(folder.Path, Reports.CaseArtifacts.RelativeFolder(entry.Id))}; results in {folder.ResultsPath}");
        }
        return RunCommand.ExitCodeFor([result.Outcome]);
    }
}
