using System.Diagnostics;
using System.Text.Json;
using Rsc.Harness.Core.Capture;

namespace Rsc.Reports.Html.Allure;

/// <summary>What became of the single-file Allure report.</summary>
/// <param name="ReportFile">The single HTML file, when it was written.</param>
/// <param name="Problem">Why it was not, in one line.</param>
public sealed record AllureHtmlResult(string? ReportFile, string? Problem);

/// <summary>
/// Renders allure-results folders into one self-contained HTML file with the Allure 3 command-line
/// tool (npm package "allure", pinned), installed with npm into a tools folder of the project on
/// first use, never globally. The report is configured by an allurerc.mjs that sets the awesome
/// plugin's singleFile option.
/// </summary>
public sealed partial class AllureCommandLine
{
    /// <summary>The npm package version, as served and checked here.</summary>
    public const string Version = "3.18.0";

    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan GenerateTimeout = TimeSpan.FromMinutes(5);

    private readonly string _toolsFolder;
    private readonly TextWriter _log;
    private readonly Func<string, string?> _findProgram;

    /// <param name="toolsFolder">Where the tool is installed (its own subfolder per version).</param>
    /// <param name="findProgram">Finds a program on PATH; tests stand in their own.</param>
    public AllureCommandLine(string toolsFolder, TextWriter log, Func<string, string?>? findProgram = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolsFolder);
        ArgumentNullException.ThrowIfNull(log);
        _toolsFolder = Path.GetFullPath(toolsFolder);
        _log = log;
        _findProgram = findProgram ?? FindOnPath;
    }

    /// <summary>The folder npm installs into: TOOLS/allure-VERSION.</summary>
    public string InstallFolder => Path.Combine(_toolsFolder, $"allure-{Version}");

    public AllureHtmlResult Render(IReadOnlyList<string> resultsFolders, string outputFolder, string reportName)
    {
        ArgumentNullException.ThrowIfNull(resultsFolders);
        ArgumentException.ThrowIfNullOrEmpty(outputFolder);
        if (_findProgram("node") is not { } node || _findProgram("npm") is not { } npm)
        {
            return new AllureHtmlResult(null, "npm (Node.js) not found: no single-file Allure report; the allure-results folders are written, and 'npx allure generate' renders them anywhere npm is");
        }
        var cli = Path.Combine(InstallFolder, "node_modules", "allure", "cli.js");
        if (!IsInstalled())
        {
            _log.WriteLine($"rsc: installing allure {Version} with npm into {InstallFolder}");
            Directory.CreateDirectory(InstallFolder);
            var install = Run(npm, ["install", "--prefix", InstallFolder, "--no-audit", "--no-fund", "--no-save", "--loglevel", "error", $"allure@{Version}"], InstallFolder, InstallTimeout);
            if (install is not null || !IsInstalled())
            {
                return new AllureHtmlResult(null, $"could not install allure {Version} with npm: {install ?? "the package is not where npm was asked to put it"}");
            }
        }
        var output = Path.GetFullPath(outputFolder);
        Directory.CreateDirectory(output);
        var work = Path.Combine(InstallFolder, $"work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var config = Path.Combine(work, "allurerc.mjs");
        AtomicFile.WriteText(config, Config(reportName, output));
        var entry = File.Exists(cli) ? cli : Path.Combine(InstallFolder, "node_modules", ".bin", "allure");
        var arguments = new List<string> { entry, "generate", "--config", config, "--output", output };
        arguments.AddRange(resultsFolders.Select(Path.GetFullPath));
        var problem = Run(node, arguments, work, GenerateTimeout);
        TryDelete(work);
        if (problem is not null)
        {
            return new AllureHtmlResult(null, $"allure generate failed: {problem}");
        }
        // The tool writes OUTPUT/index.html, or OUTPUT/awesome/index.html when it keeps a folder per plugin.
        var file = new[] { Path.Combine(output, "index.html"), Path.Combine(output, "awesome", "index.html") }.FirstOrDefault(File.Exists);
        if (file is null)
        {
            return new AllureHtmlResult(null, $"allure generate wrote no index.html under {output}");
        }
        AtomicFile.WriteText(file, WithoutAnalytics(File.ReadAllText(file)));
        return new AllureHtmlResult(file, null);
    }

    /// <summary>
    /// The report as the tool writes it loads an analytics script from the network when opened
    /// (the awesome plugin has no option to leave it out); the report is meant to open offline and
    /// contact nobody, so the tag and its set-up script are removed.
    /// </summary>
    public static string WithoutAnalytics(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return AnalyticsTag().Replace(html, "");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<script async src=""https://www\.googletagmanager\.com/[^""]*""></script>\s*<script>\s*window\.dataLayer[\s\S]*?</script>")]
    private static partial System.Text.RegularExpressions.Regex AnalyticsTag();

    /// <summary>The allurerc.mjs: one report, the awesome plugin, everything inlined into one file.</summary>
    public static string Config(string reportName, string outputFolder) => $$"""
        export default {
          name: {{JsonSerializer.Serialize(reportName)}},
          output: {{JsonSerializer.Serialize(outputFolder)}},
          plugins: {
            awesome: {
              options: {
                singleFile: true,
                reportName: {{JsonSerializer.Serialize(reportName)}},
                groupBy: ["parentSuite", "suite"],
              },
            },
          },
        };

        """;

    private bool IsInstalled()
    {
        var manifest = Path.Combine(InstallFolder, "node_modules", "allure", "package.json");
        if (!File.Exists(manifest))
        {
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            return doc.RootElement.TryGetProperty("version", out var v) && v.GetString() == Version;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Runs a program to its end; null when it exited 0, else one line saying why not.</summary>
    private static string? Run(string program, IReadOnlyList<string> arguments, string workingFolder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        // No colours, no telemetry prompt, no browser.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["CI"] = "true";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return $"{Path.GetFileName(program)} did not finish within {timeout.TotalMinutes:0} min";
            }
            process.WaitForExit();
            if (process.ExitCode == 0)
            {
                return null;
            }
            var tail = (stderr.Result + "\n" + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3);
            return $"{Path.GetFileName(program)} exited with {process.ExitCode}: {string.Join(" | ", tail)}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return e.Message.ReplaceLineEndings(" ");
        }
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Only the config file is left behind.
        }
    }
}
