namespace Rsc.Harness.Tests.Cli;

/// <summary>A folder under the temp directory, removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rsc-cli-tests", Guid.NewGuid().ToString("N"));

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
