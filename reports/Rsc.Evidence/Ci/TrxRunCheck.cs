using System.Xml;
using System.Xml.Linq;

namespace Rsc.Evidence.Ci;

/// <summary>
/// Checks VSTest TRX files for tests that did not run. In the pipeline the live tests run as root
/// with every tool installed, so a live test that skips (Assert.Ignore, Inconclusive: TRX outcome
/// "NotExecuted") hides a broken machine or a broken test, and the pipeline must fail. TRX files
/// record no NUnit category, so the live runs write theirs to a folder of their own.
/// </summary>
public static class TrxRunCheck
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Outcomes of a test that ran; any other (NotExecuted, Inconclusive, Pending, …) did not.</summary>
    public static readonly IReadOnlySet<string> RanOutcomes = new HashSet<string>(StringComparer.Ordinal) { "Passed", "Failed", "Error", "Timeout", "Aborted" };

    public static TrxFileResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        XDocument doc;
        try
        {
            doc = XDocument.Load(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            throw new EvidenceInputException($"{path}: not a TRX file: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
        if (doc.Root?.Name != Ns + "TestRun")
        {
            throw new EvidenceInputException($"{path}: not a TRX file (no TestRun element)");
        }
        var classes = doc.Descendants(Ns + "UnitTest").ToDictionary(
            u => (string?)u.Attribute("id") ?? "",
            u => (string?)u.Element(Ns + "TestMethod")?.Attribute("className") ?? "",
            StringComparer.Ordinal);
        var results = doc.Descendants(Ns + "UnitTestResult").Select(r =>
        {
            var testId = (string?)r.Attribute("testId") ?? "";
            var name = (string?)r.Attribute("testName") ?? "?";
            var className = classes.GetValueOrDefault(testId, "");
            var message = r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")?.Value;
            return new TrxTestResult(className.Length > 0 ? $"{className}.{name}" : name, (string?)r.Attribute("outcome") ?? "?", message);
        }).ToList();
        return new TrxFileResult(path, results);
    }

    /// <summary>TRX files named directly or found (recursively) in the folders named.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.EnumerateFiles(p, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                throw new EvidenceInputException($"{p}: no such file or folder");
            }
        }
        return files;
    }
}

public sealed record TrxTestResult(string Name, string Outcome, string? Message)
{
    public bool Ran => TrxRunCheck.RanOutcomes.Contains(Outcome);
}

public sealed record TrxFileResult(string Path, IReadOnlyList<TrxTestResult> Results);
