using Rsc.Harness.Reporting;
using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc repro ID`: one case, verbosely: the traffic, every guest frame decoded, findings beside their frames.</summary>
public sealed class ReproCommand(CliEnvironment env) : ICommand
{
    public string Name => "repro";

    public string Summary => "run one case and show every frame sent and received";

    public string Help => $"""
        usage: rsc repro ID [--dut SPEC] [--interval-us N] [--spacing-us N] [--out DIR] [--timeout-s N]

        Runs one case and prints it in full: the case and its timing, each sent frame (scheduled vs
        sent time, label, flow, seq/ack/len/flags/win/ipid/ttl), each guest frame with its virtio
        header, TCP summary and the sent frames it covers, each finding beside the guest frames it
        concerns, a list of findings and the outcome. With --out DIR it also writes DIR/results.json
        and DIR/cases/ID/ as `rsc run` does.
        {HelpText.DutOption()}
        Exit code: 0 unless the case failed or errored (1); 2 for bad arguments.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(Name, args, [.. RunSettings.ValueOptions, "--out"]);
        if (a.HelpRequested)
        {
            env.Out.WriteLine(Help);
            return ExitCodes.Success;
        }
        a.ExpectPositionals(1, 1, "a case id (see 'rsc list')");
        var id = a.Positionals[0];
        var settings = RunSettings.Read(a);
        var conformanceCase = CaseSelection.Resolve(env.Cases, [id], [])[0];
        var factory = env.Device(settings.DutSpec);
        settings = settings with { Options = settings.Options.For(factory) };
        var started = env.Clock.GetUtcNow();
        var outDir = a.Single("--out");
        var folder = outDir is null ? null : RunSettings.OpenFolder(outDir, settings.Header(started, [conformanceCase.Id]) with
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
