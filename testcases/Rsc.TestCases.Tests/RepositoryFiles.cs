namespace Rsc.TestCases.Tests;

/// <summary>Reads files of the repository the tests were built from (found by walking up to the solution file).</summary>
internal static class RepositoryFiles
{
    private const string Marker = "RscConformance.sln";

    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>The full path of a file given relative to the repository root with forward slashes.</summary>
    public static string PathOf(string relative) => System.IO.Path.Combine([Root, .. relative.Split('/')]);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no {Marker} above {TestContext.CurrentContext.TestDirectory}");
    }
}
