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
public sealed class FaultsCommand(CliEnvironment env) : ICommand
{
    public string Name => "faults";

    public string Summary => "run the cases against every reference-device fault and show which cases catch each";

    public string Help => $"""
        usage: rsc faults [--fault NAME]... [--case ID]... [--section S]... [--interval-us N] [--spacing-us N]
                          [--out DIR] [--timeout-s N]

        Runs the selected cases (all when neither --case nor --section is given) against the fault-free
        reference device and against reference:fault=NAME for each fault, one fresh device per case,
        printing a line per device configuration and then, per fault, how many cases failed it and which
        caught it; a fault no case catches is ESCAPED. A case catches a fault when it fails on the faulty
        device but not on the fault-free one.
          --fault NAME      a fault to run (repeatable; default every fault the reference device knows)
        {HelpText.Wrap("faults: " + string.Join(", ", env.Faults), "                    ", 100).TrimEnd('\n')}
          --case ID         a case to run (repeatable)
          --section S       every case of a section (repeatable)
          --interval-us N   drain interval (default 300); a case may pin its own
          --spacing-us N    gap between sent frames (default 100); a case may pin its own
          --out DIR         output folder (default out/faults/<UTC yyyyMMdd-HHmmss>): DIR/kill-matrix.json
                            (every outcome of every device configuration) and DIR/kill-matrix.txt (the
                            full fault x case grid, one letter per outcome)
          --timeout-s N     time allowed for one case on the device (default 60)
        Exit code: 0 when the fault-free device passes every case (Pass or Info) and every fault is
        caught by at least one case; 1 otherwise (the escaped faults and the cases the
        fault-free device did not pass are named on stderr); 2 for bad arguments.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(Name, args, ["--interval-us", "--spacing-us", "--timeout-s", "--fault", "--case", "--section", "--out"]);
        if (a.HelpRequested)
        {
            env.Out.WriteLine(Help);
            return ExitCodes.Success;
        }
        a.ExpectPositionals(0, 0, "no arguments");
        var settings = RunSettings.Read(a);
        var faults = ResolveFaults(env.Faults, a.All("--fault"));
        var ids = a.All("--case");
        var sections = a.All("--section");
        var cases = CaseSelection.Resolve(env.Cases, ids, sections);
        if (cases.Count == 0)
        {
            throw new UsageException("no cases to run; see 'rsc list'");
        }
        var started = env.Clock.GetUtcNow();
        var outDir = a.Single("--out") ?? DefaultFolder(started);
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

        var runner = new KillMatrixRunner(cases, faults, settings.Options)
        {
            CreateFactory = env.Device,
            CreateRunner = env.Runner,
            MaxParallelism = env.MatrixParallelism ?? new KillMatrixRunner([], []).MaxParallelism,
        };
        var options = settings.Options;
        env.Out.WriteLine($"rsc: {cases.Count} case(s) x {faults.Count + 1} device configuration(s) (fault-free + {faults.Count} fault(s)), interval {WireLog.Us(options.DrainIntervalNs)}, spacing {WireLog.Us(options.SpacingNs)}");
        env.Out.WriteLine($"rsc: kill matrix in {outDir}");
        int total = faults.Count + 1;
        int done = 0;
        int labelWidth = faults.Select(f => f.Length).Append(KillMatrixTable.BaselineLabel.Length).Max();
        int countWidth = total.ToString(CultureInfo.InvariantCulture).Length;
        KillMatrixResult result;
        try
        {
            result = await runner.RunAsync(row => env.Out.WriteLine(ProgressLine(++done, total, countWidth, labelWidth, row)), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            env.Error.WriteLine($"rsc: interrupted after {done} of {total} device configuration(s); no kill matrix written");
            return ExitCodes.Interrupted;
        }

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

    private static string ProgressLine(int done, int total, int countWidth, int labelWidth, KillMatrixRow row)
    {
        var label = row.Fault ?? KillMatrixTable.BaselineLabel;
        var verdict = row.IsBaseline
            ? (row.Cells.All(c => KillMatrixSummary.IsClean(c.Outcome)) ? "clean" : "NOT CLEAN")
            : (row.Caught ? "caught" : KillMatrixTable.Escaped);
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{row.Count(Harness.Core.Outcome.Pass)} pass, {row.Count(Harness.Core.Outcome.NonStrict)} non-strict, {row.Count(Harness.Core.Outcome.Fail)} fail, {row.Count(Harness.Core.Outcome.Info)} info, {row.Count(Harness.Core.Outcome.Error)} error");
        return $"[{done.ToString(CultureInfo.InvariantCulture).PadLeft(countWidth)}/{total}] {label.PadRight(labelWidth)}  {verdict,-9}  {counts}  {SummaryTable.FormatDuration(row.Duration.TotalMilliseconds)}";
    }
}
