namespace Rsc.Harness.Tests.Cli;

/// <summary>
/// The CLI publishes for Windows from this machine: framework-dependent win-x64, rsc.exe beside
/// rsc.dll (the win-x64 apphost comes from NuGet: category Packaging, left out offline).
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class WindowsPublishTests
{
    [Test]
    public void The_cli_publishes_for_win_x64()
    {
        var root = ToolPackageTests.RepositoryRoot();
        using var work = new TempFolder();
        Directory.CreateDirectory(work.Path);
        var output = work["win-x64"];

        var publish = ChildProcess.Run(ChildProcess.DotnetHost,
            ["publish", Path.Combine(root, "harness", "Rsc.Cli", "Rsc.Cli.csproj"), "-r", "win-x64", "--self-contained", "false", "-c", "Release",
                "-o", output, "-p:OutDir=" + work["build"] + "/", "--nologo"],
            root, TimeSpan.FromMinutes(10));

        var files = Directory.Exists(output)
            ? Directory.GetFiles(output).Select(f => Path.GetFileName(f).ToLowerInvariant()).ToList()
            : [];
        Assert.Multiple(() =>
        {
            Assert.That(publish.Code, Is.Zero, publish.Out + publish.Error);
            Assert.That(File.Exists(Path.Combine(output, "rsc.exe")), "the Windows apphost");
            Assert.That(File.Exists(Path.Combine(output, "rsc.dll")));
            // The Windows implementation of MI (the package ships it in lower case), managed and native.
            Assert.That(files, Does.Contain("microsoft.management.infrastructure.dll").And.Contain("microsoft.management.infrastructure.native.unmanaged.dll"), "CIM for --dut windows");
            Assert.That(files, Does.Contain("sharppcap.dll"));
            // PE files start with "MZ": the apphost is a Windows executable, not this machine's.
            Assert.That(File.ReadAllBytes(Path.Combine(output, "rsc.exe"))[..2], Is.EqualTo("MZ"u8.ToArray()));
        });
    }
}
