namespace Rsc.Reports.Html;

/// <summary>
/// `rsc report --in RUN_DIR [--in RUN_DIR ...] --out REPORT_DIR [--allure] [--junit FILE] [--rules FILE] [--tools DIR]`.
/// </summary>
/// <param name="Inputs">Run folders (results.json) and kill-matrix folders (kill-matrix.json), or those files; the order is the matrix's column order.</param>
/// <param name="Output">The report folder; index.html is its entry.</param>
/// <param name="Allure">Also write OUT/allure-results from the runs and render OUT/allure/index.html (one file) with the Allure 3 tool.</param>
/// <param name="JUnitFile">Also write JUnit XML of the runs there.</param>
/// <param name="RulesDocument">The rules document (testcases/rules.md; by default the one of the repository the command runs in): the report carries it as rules-document.html and links each rule's section to its anchor; without one the section key is shown.</param>
/// <param name="ToolsFolder">Where npm installs the Allure tool (default out/tools under the current folder).</param>
public sealed record ReportOptions(
    IReadOnlyList<string> Inputs,
    string Output,
    bool Allure = false,
    string? JUnitFile = null,
    string? RulesDocument = null,
    string? ToolsFolder = null)
{
    /// <summary>Case pages rendered at once; the pictures are the cost.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>What `rsc report` did.</summary>
/// <param name="ExitCode">0 written; 1 a file could not be written; 2 bad input.</param>
public sealed record ReportResult(int ExitCode)
{
    public string? IndexFile { get; init; }
    public int Runs { get; init; }
    public int CasePages { get; init; }
    public int Charts { get; init; }
    public string? JUnitFile { get; init; }
    public string? AllureResults { get; init; }
    public string? AllureReport { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public TimeSpan Elapsed { get; init; }
}
