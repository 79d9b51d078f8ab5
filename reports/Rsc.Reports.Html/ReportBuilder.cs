using System.Collections.Concurrent;
using System.Globalization;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Reports.Html.Allure;
using Rsc.Reports.Html.Charts;
using Rsc.Reports.Html.Input;
using Rsc.Reports.Html.Site;
using Rsc.Reports.JUnit;

namespace Rsc.Reports.Html;

/// <summary>
/// `rsc report`: a static site of one or more runs that opens from file:// (index.html, rules.html,
/// a page per run and per case and device, a page per kill matrix), optionally JUnit XML and Allure
/// results with a single-file Allure report. Writes to the console only through the writers given.
/// </summary>
public sealed class ReportBuilder(TextWriter output, TextWriter error, TimeProvider? clock = null)
{
    /// <summary>Marks a folder as a report this builder wrote, so regenerating may clear its old case pages.</summary>
    public const string MarkerFileName = ".rsc-report";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Finds node and npm on PATH; tests stand in a machine without them.</summary>
    public Func<string, string?>? FindProgram { get; init; }

    public ReportResult Build(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long started = _clock.GetTimestamp();
        ReportInputs inputs;
        try
        {
            if (string.IsNullOrWhiteSpace(options.Output))
            {
                throw new ReportInputException("no output folder: give --out REPORT_DIR");
            }
            inputs = ReportInputs.Load(options.Inputs);
        }
        catch (ReportInputException e)
        {
            error.WriteLine($"rsc: {e.Message}");
            return new ReportResult(2);
        }
        try
        {
            var result = Write(options, inputs) with { Elapsed = _clock.GetElapsedTime(started) };
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rsc: report of {result.Runs} run(s) and {inputs.KillMatrices.Count} kill matri{(inputs.KillMatrices.Count == 1 ? "x" : "ces")}, {result.CasePages} case page(s), {result.Charts} picture(s) in {result.Elapsed.TotalSeconds:0.0} s: {result.IndexFile}"));
            if (result.JUnitFile is { } junit)
            {
                output.WriteLine($"rsc: JUnit XML in {junit}");
            }
            if (result.AllureReport is { } allure)
            {
                output.WriteLine($"rsc: Allure report (one file) in {allure}");
            }
            else if (result.AllureResults is { } results)
            {
                output.WriteLine($"rsc: Allure results in {results}");
            }
            foreach (var w in result.Warnings)
            {
                error.WriteLine($"rsc: {w}");
            }
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"rsc: cannot write the report into {options.Output}: {e.Message.ReplaceLineEndings(" ").Trim()}");
            return new ReportResult(1);
        }
    }

    private ReportResult Write(ReportOptions options, ReportInputs inputs)
    {
        var root = Path.GetFullPath(options.Output);
        Directory.CreateDirectory(root);
        var marker = Path.Combine(root, MarkerFileName);
        if (File.Exists(marker) && Directory.Exists(Path.Combine(root, "cases")))
        {
            Directory.Delete(Path.Combine(root, "cases"), recursive: true);
        }
        File.WriteAllText(marker, "written by rsc report; the folder's pages are regenerated on every run\n");

        var model = new ReportModel(inputs.Runs);
        int charts = 0;
        var gaps = new ConcurrentDictionary<int, ConcurrentBag<long[]>>();
        var work = model.Columns.SelectMany(c => model.CaseIds.Select(id => (Column: c, Entry: c.Run.Find(id)))).Where(w => w.Entry is not null).ToList();
        Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) }, item =>
        {
            var (column, entry) = (item.Column, item.Entry!);
            var timeline = column.Run.TimelineOf(entry);
            var pictures = new List<Chart>(2);
            if (timeline is not null)
            {
                if (TimelineChart.Render(timeline) is { } t)
                {
                    pictures.Add(t);
                }
                if (IsTimerCase(entry) && TimerChart.Render(timeline) is { } timer)
                {
                    pictures.Add(timer);
                }
                if (column.Run.Document.Dut.Timing == TimingMode.Real)
                {
                    gaps.GetOrAdd(column.Number, _ => []).Add([.. GapHistogram.GapsOf(timeline)]);
                }
            }
            Interlocked.Add(ref charts, pictures.Count);
            var page = Path.Combine(root, column.CasePage(entry.Id));
            SiteFile.Write(page, CasePage.Render(new CasePage.Input(model, column, entry, timeline, pictures, Path.GetDirectoryName(page)!)));
        });

        foreach (var column in model.Columns)
        {
            Chart? histogram = null;
            if (gaps.TryGetValue(column.Number, out var bag))
            {
                histogram = GapHistogram.Render(column.Heading, [.. bag.SelectMany(g => g)], (long)(column.Run.Document.Settings.SpacingUs * 1000));
                charts += histogram is null ? 0 : 1;
            }
            SiteFile.Write(Path.Combine(root, column.RunPage), RunPage.Render(column, histogram));
        }

        RulesDocumentLink? rulesLink = null;
        if ((options.RulesDocument ?? FindRulesDocument()) is { } doc && File.Exists(doc))
        {
            var markdown = File.ReadAllText(doc);
            SiteFile.Write(Path.Combine(root, RulesDocumentPage.FileName), RulesDocumentPage.Render(markdown, Path.GetFullPath(doc)));
            rulesLink = new RulesDocumentLink(RulesDocumentPage.FileName, RulesDocumentPage.Anchors(markdown));
        }
        SiteFile.Write(Path.Combine(root, "rules.html"), RulesPage.Render(model, RuleBreaks.From(model), rulesLink));
        for (int i = 0; i < inputs.KillMatrices.Count; i++)
        {
            SiteFile.Write(Path.Combine(root, KillMatrixPage.FileName(i)), KillMatrixPage.Render(inputs.KillMatrices[i]));
        }
        var index = Path.Combine(root, "index.html");
        SiteFile.Write(index, IndexPage.Render(model, inputs.KillMatrices, _clock.GetUtcNow()));

        var result = new ReportResult(0) { IndexFile = index, Runs = inputs.Runs.Count, CasePages = work.Count, Charts = charts };
        var warnings = new List<string>();
        if (options.JUnitFile is { } junit)
        {
            JUnitReport.WriteFile(junit, [.. inputs.Runs.Select(r => r.Document)]);
            result = result with { JUnitFile = Path.GetFullPath(junit) };
        }
        if (options.Allure)
        {
            var resultsFolder = Path.Combine(root, AllureResultsWriter.FolderName);
            if (Directory.Exists(resultsFolder))
            {
                Directory.Delete(resultsFolder, recursive: true);
            }
            var writer = new AllureResultsWriter(resultsFolder);
            foreach (var run in inputs.Runs)
            {
                AllureRunExport.Write(run, writer);
            }
            result = result with { AllureResults = resultsFolder };
            var tools = options.ToolsFolder ?? Path.Combine(Environment.CurrentDirectory, "out", "tools");
            var html = new AllureCommandLine(tools, output, FindProgram).Render([resultsFolder], Path.Combine(root, "allure"), "RSC conformance");
            if (html.ReportFile is { } file)
            {
                result = result with { AllureReport = file };
            }
            else
            {
                warnings.Add(html.Problem!);
            }
        }
        return result with { Warnings = warnings };
    }

    /// <summary>testcases/rules.md of the repository the command runs in, if it runs in one.</summary>
    private static string? FindRulesDocument()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "testcases", "rules.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static bool IsTimerCase(CaseEntry entry) => entry.Section == "TIMER" || entry.Id.StartsWith("RSC-TIMER-", StringComparison.Ordinal);
}
