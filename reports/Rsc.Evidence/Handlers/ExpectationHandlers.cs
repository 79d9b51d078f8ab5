using System.Text.Json;
using Rsc.Evidence.Expectations;
using Rsc.Reports;

namespace Rsc.Evidence.Handlers;

/// <summary>`rsc expectations check RESULTS --expect FILE`: RESULTS is a run folder or its results.json.</summary>
public sealed record ExpectationsCheckOptions(string Results, string Expectations);

/// <summary>`rsc expectations init RESULTS --out FILE [--from OLD.json] [--force]`.</summary>
/// <param name="Previous">An earlier expectations file whose device, description, tolerated rules and still-true reasons are kept.</param>
public sealed record ExpectationsInitOptions(string Results, string Output, string? Previous = null, bool Force = false);

/// <summary>Compares a finished run with an expectations file. Exit 0 as expected; 1 a difference or an incomplete run; 2 unusable input.</summary>
public sealed class ExpectationsCheckHandler(TextWriter output, TextWriter error)
{
    public int Run(ExpectationsCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var expectations = ExpectationsFile.Load(options.Expectations);
            var results = ResultsInput.Load(options.Results);
            var comparison = ExpectationComparer.Compare(results, expectations);
            output.Write(comparison.Render(options.Expectations));
            return comparison.ExitCode;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
    }
}

/// <summary>Writes a first expectations file from a complete run. Exit 0 written; 1 the run is incomplete; 2 unusable input or the file exists (without --force).</summary>
public sealed class ExpectationsInitHandler(TextWriter output, TextWriter error)
{
    public int Run(ExpectationsInitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var results = ResultsInput.Load(options.Results);
            if (ExpectationComparer.Incompleteness(results) is { } why)
            {
                error.WriteLine($"rsc: {why}; an expectations file drawn from it would miss cases");
                return ExitCode.Failure;
            }
            if (File.Exists(options.Output) && !options.Force)
            {
                throw new EvidenceInputException($"{options.Output} exists; give --force to replace it (or --from it to keep its reasons)");
            }
            var previous = options.Previous is { } p ? ExpectationsFile.Load(p) : null;
            var draft = ExpectationsDraft.From(results, options.Results, previous);
            ExpectationsFile.Write(options.Output, draft);
            int open = draft.Cases.Count(c => ExpectationsDocument.IsPlaceholder(c.Reason));
            output.WriteLine($"rsc: {draft.Cases.Count} expected failure(s) of {draft.Device} written to {options.Output}; {open} reason(s) to fill in (search for \"{ExpectationsDocument.ReasonPlaceholder}\")");
            return ExitCode.Success;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rsc: cannot write {options.Output}: {e.Message.ReplaceLineEndings(" ").Trim()}");
            return ExitCode.Usage;
        }
    }
}

/// <summary>
/// `rsc run ... --expect FILE`: the file is loaded before the first case (a bad file costs no run),
/// and once the run ends the exit code is the comparison's instead of "any Fail or Error".
/// </summary>
public sealed class RunExpectationGate
{
    private RunExpectationGate(string path, ExpectationsDocument expectations)
    {
        Path = path;
        Expectations = expectations;
    }

    public string Path { get; }

    public ExpectationsDocument Expectations { get; }

    /// <summary>Loads the file; on failure writes one line to <paramref name="error"/> and returns null (the run must exit 2).</summary>
    public static RunExpectationGate? Open(string path, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return new RunExpectationGate(path, ExpectationsFile.Load(path));
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return null;
        }
    }

    /// <summary>Judges the finished (or interrupted) run's document; returns the exit code the run should end with.</summary>
    public int Judge(ResultsDocument results, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var comparison = ExpectationComparer.Compare(results, Expectations);
            output.Write(comparison.Render(Path));
            return comparison.ExitCode;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
    }
}

/// <summary>A results file given as the run folder or as results.json itself.</summary>
public static class ResultsInput
{
    public static ResultsDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Directory.Exists(path) ? System.IO.Path.Combine(path, "results.json") : path;
        if (!File.Exists(file))
        {
            throw new EvidenceInputException($"{path}: no results.json");
        }
        try
        {
            var doc = ResultsJson.ReadFile(file);
            if (doc.Dut is null || doc.Settings is null || doc.Tool is null)
            {
                throw new EvidenceInputException($"{file}: not a results file");
            }
            return doc;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new EvidenceInputException($"{file}: not a readable results file: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
    }
}

/// <summary>`rsc junit RESULTS --out FILE.xml [--expect FILE]`.</summary>
public sealed record JunitExportOptions(string Results, string Output, string? Expectations = null);

/// <summary>Writes a run as JUnit XML. Exit 0 written (whatever the verdicts: the run or --expect gates those); 2 unusable input.</summary>
public sealed class JunitExportHandler(TextWriter output, TextWriter error)
{
    public int Run(JunitExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var results = ResultsInput.Load(options.Results);
            var expectations = options.Expectations is { } e ? ExpectationsFile.Load(e) : null;
            if (expectations is not null && !expectations.Device.Matches(results.Dut.Kind, results.Dut.Version))
            {
                throw new EvidenceInputException($"the expectations are for {expectations.Device}, the run's device is {results.Dut.Kind} {results.Dut.Version}");
            }
            Reports.JUnit.JUnitReport.WriteFile(options.Output, [results], expectations is null ? null : Junit.ExpectedDeviations.From(expectations));
            output.WriteLine($"rsc: JUnit for {results.Cases.Count} cases of {results.Dut.Name} written to {options.Output}");
            return ExitCode.Success;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rsc: cannot write {options.Output}: {e.Message.ReplaceLineEndings(" ").Trim()}");
            return ExitCode.Usage;
        }
    }
}
