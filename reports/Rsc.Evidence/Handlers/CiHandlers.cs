using System.Globalization;
using Rsc.Evidence.Ci;

namespace Rsc.Evidence.Handlers;

/// <summary>`rsc ci check-trx PATH... [--min-files N]`: PATHs are TRX files or folders searched for them.</summary>
/// <param name="MinFiles">How many TRX files must be found (one per test project run), at least 1.</param>
public sealed record TrxCheckOptions(IReadOnlyList<string> Paths, int MinFiles = 1);

/// <summary>
/// Exit 0 when every test in every TRX file ran; 1 naming each test that did not (skipped,
/// inconclusive), an empty TRX file, or too few files; 2 when a path or file is unusable.
/// </summary>
public sealed class TrxCheckHandler(TextWriter output, TextWriter error)
{
    public int Run(TrxCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            if (options.Paths.Count == 0)
            {
                throw new EvidenceInputException("no TRX file or folder given");
            }
            var files = TrxRunCheck.Find(options.Paths).Select(TrxRunCheck.Read).ToList();
            var problems = new List<string>();
            if (files.Count < Math.Max(1, options.MinFiles))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{files.Count} TRX file(s) found in {string.Join(' ', options.Paths)}, {Math.Max(1, options.MinFiles)} expected: a test project did not run"));
            }
            foreach (var f in files)
            {
                if (f.Results.Count == 0)
                {
                    problems.Add($"{f.Path}: no test ran (the filter matched nothing?)");
                }
                foreach (var t in f.Results.Where(t => !t.Ran))
                {
                    problems.Add($"{t.Outcome}: {t.Name}{(t.Message is null ? "" : " (" + t.Message.ReplaceLineEndings(" ").Trim() + ")")} in {System.IO.Path.GetFileName(f.Path)}");
                }
            }
            foreach (var p in problems)
            {
                error.WriteLine($"rsc: {p}");
            }
            int total = files.Sum(f => f.Results.Count);
            if (problems.Count > 0)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rsc: {problems.Count} problem(s): every test in these files must run"));
                return ExitCode.Failure;
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rsc: {total} test(s) in {files.Count} TRX file(s), every one ran"));
            return ExitCode.Success;
        }
        catch (EvidenceInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return ExitCode.Usage;
        }
    }
}
