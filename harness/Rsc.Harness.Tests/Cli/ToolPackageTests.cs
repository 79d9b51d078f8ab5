using Rsc.Reports;
using Rsc.TestCases;

namespace Rsc.Harness.Tests.Cli;

/// <summary>
/// The CLI as a .NET tool: packed from the repository, installed into a folder of its own and run
/// from an unrelated directory. Needs the NuGet feed for the tool's dependencies (category
/// Packaging: leave it out offline with --filter "TestCategory!=Packaging").
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class ToolPackageTests
{
    [Test]
    public void The_packed_tool_installs_and_runs_from_any_directory()
    {
        var root = RepositoryRoot();
        using var work = new TempFolder();
        Directory.CreateDirectory(work.Path);
        var packages = work["packages"];
        var tools = work["tools"];
        var elsewhere = work["elsewhere"];
        Directory.CreateDirectory(elsewhere);

        var pack = ChildProcess.Run(ChildProcess.DotnetHost,
            ["pack", Path.Combine(root, "harness", "Rsc.Cli", "Rsc.Cli.csproj"), "-c", "Release", "-o", packages, "-p:OutDir=" + work["build"] + "/", "--nologo"],
            root, TimeSpan.FromMinutes(10));
        Assert.That(pack.Code, Is.Zero, pack.Out + pack.Error);
        Assert.That(Directory.GetFiles(packages, "rsc.*.nupkg"), Has.Length.EqualTo(1));

        var install = ChildProcess.Run(ChildProcess.DotnetHost,
            ["tool", "install", "rsc", "--tool-path", tools, "--add-source", packages, "--ignore-failed-sources"],
            elsewhere, TimeSpan.FromMinutes(5),
            // A package folder of its own: the machine's cache may hold an older rsc of the same version.
            env => env["NUGET_PACKAGES"] = work["nuget"]);
        Assert.That(install.Code, Is.Zero, install.Out + install.Error);

        var rsc = Path.Combine(tools, "rsc");
        var list = ChildProcess.Run(rsc, ["list"], elsewhere, TimeSpan.FromMinutes(2));
        var run = ChildProcess.Run(rsc, ["run", "--case", "RSC-BASIC-001", "--out", "out"], elsewhere, TimeSpan.FromMinutes(2));
        var runtimeConfig = Directory.GetFiles(tools, "rsc.runtimeconfig.json", SearchOption.AllDirectories).Single();

        Assert.Multiple(() =>
        {
            Assert.That(list.Code, Is.Zero, list.Error);
            Assert.That(list.Out, Does.EndWith($"{Catalogue.All.Count} case(s)\n"));
            Assert.That(run.Code, Is.Zero, run.Out + run.Error);
            var results = ResultsJson.ReadFile(Path.Combine(elsewhere, "out", "results.json"));
            Assert.That(results.Cases.Single().Id, Is.EqualTo("RSC-BASIC-001"));
            Assert.That(results.Cases.Single().Outcome, Is.EqualTo(Core.Outcome.Pass));
            Assert.That(File.ReadAllText(runtimeConfig), Does.Contain("\"System.Runtime.TieredCompilation\": false"), "the tool runs without tiering, as ./rsc does");
        });
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RscConformance.sln")))
            {
                return dir.FullName;
            }
        }
        Assert.Ignore("not run from a clone of the repository");
        return "";
    }
}
