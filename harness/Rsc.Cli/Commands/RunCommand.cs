using System.Globalization;
using Rsc.Harness.Core;
using Rsc.Harness.Reporting;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc run`: runs the selected cases, recording results.json after every case and artifacts per case.</summary>
public sealed class RunCommand(CliEnvironment env) : ICommand
{
    public string Name => "run";

    public string Summary => "run conformance cases against a device and record the results";

    public string Help => $"""
        usage: rsc run [--dut SPEC] [--case ID]... [--section S]... [--interval-us N] [--spacing-us N]
                       [--out DIR] [--timeout-s N]

        Runs the selected cases (all when neither --case nor --section is given) against a device,
        one fresh device per case, and prints a line per case and a summary table.
        {HelpText.DutOption()}
          --interval-us N   drain interval (default 300); a case may pin its own, and a
                            device's own interval option (qemu:interval-us=N) replaces it
          --spacing-us N    gap between sent frames (default 100); a case may pin its own
          --latency-allowance-us N
                            real-clock devices: delay tolerated beyond the interval on top of the
                            measured pacing lateness (default 2000)
          --out DIR         output folder (default out/runs/<UTC yyyyMMdd-HHmmss>): DIR/results.json,
                            rewritten after every case, and DIR/cases/ID/ with sent.pcap, guest.pcap,
                            guest.jsonl and wire.log
          --timeout-s N     time allowed for one case on the device (default 60)
        Exit code: 0 when no case failed or errored, 1 when one did, 2 for bad arguments.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(Name, args, [.. RunSettings.ValueOptions, "--case", "--section", "--out"]);
        if (a.HelpRequested)
        {
            env.Out.WriteLine(Help);
            return ExitCodes.Success;
        }
        a.ExpectPositionals(0, 0, "no arguments");
        var settings = RunSettings.Read(a);
        var ids = a.All("--case");
        var sections = a.All("--section");
        var cases = CaseSelection.Resolve(env.Cases, ids, sections);
        var factory = env.Device(settings.DutSpec);
        settings = settings with { Options = settings.Options.For(factory) };
        if (cases.Count == 0)
        {
            throw new UsageException("no cases to run; see 'rsc list'");
        }
        var started = env.Clock.GetUtcNow();
        var outDir = a.Single("--out") ?? DefaultFolder(started);
        var header = settings.Header(started, CaseSelection.Describe(ids, sections)) with
        {
            Planned = cases.Count,
            PlannedCases = [.. cases.Select(c => c.Id)],
        };
        var folder = RunSettings.OpenFolder(outDir, header);
        var runner = env.Runner(factory, settings.Options);

        env.Out.WriteLine($"rsc: {cases.Count} case(s) on {settings.DutSpec}, interval {WireLog.Us(settings.Options.DrainIntervalNs)}, spacing {WireLog.Us(settings.Options.SpacingNs)}");
        env.Out.WriteLine($"rsc: results in {folder.Path}");
        var entries = new List<CaseEntry>(cases.Count);
        int idWidth = cases.Max(c => c.Id.Length);
        int countWidth = cases.Count.ToString(CultureInfo.InvariantCulture).Length;
        try
        {
            for (int i = 0; i < cases.Count; i++)
            {
                var c = cases[i];
                env.Out.Write($"[{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(countWidth)}/{cases.Count}] {c.Id.PadRight(idWidth)} ");
                env.Out.Flush();
                folder.Begin(c.Id);
                var result = await runner.RunAsync(c, cancellationToken).ConfigureAwait(false);
                var entry = folder.Record(result);
                entries.Add(entry);
                env.Out.WriteLine(ProgressTail(entry));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            folder.Interrupt(InterruptionEntry.Signal, env.Clock.GetUtcNow(), env.InterruptSignal());
            env.Out.WriteLine("interrupted");
            env.Out.WriteLine();
            env.Out.Write(SummaryTable.Render(entries));
            env.Out.WriteLine(folder.Document.IncompleteNote());
            env.Error.WriteLine($"rsc: interrupted after {entries.Count} of {cases.Count} case(s); results.json says complete: false ({folder.ResultsPath})");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            folder.Interrupt(InterruptionEntry.Error, env.Clock.GetUtcNow(), $"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            throw;
        }
        folder.Finish(env.Clock.GetUtcNow());
        env.Out.WriteLine();
        env.Out.Write(SummaryTable.Render(entries));
        env.Out.WriteLine($"rsc: results written to {folder.ResultsPath}");
        return ExitCodeFor(entries.Select(e => e.Outcome));
    }

    public static int ExitCodeFor(IEnumerable<Outcome> outcomes) =>
        outcomes.Any(o => o is Outcome.Fail or Outcome.Error) ? ExitCodes.Failure : ExitCodes.Success;

    public static string DefaultFolder(DateTimeOffset startedUtc) =>
        Path.Combine("out", "runs", startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    private static string ProgressTail(CaseEntry entry)
    {
        var line = $"{entry.Outcome,-9} {SummaryTable.FormatDuration(entry.DurationMs),8}";
        if (entry.Outcome != Outcome.Pass)
        {
            var note = SummaryTable.Note(entry);
            if (note.Length > 0)
            {
                line += "  " + (note.Length > 90 ? string.Concat(note.AsSpan(0, 87), "...") : note);
            }
        }
        return line.TrimEnd();
    }
}
