namespace Rsc.Evidence.Bundle;

/// <summary>Names and fixed values of an evidence bundle (a zip archive).</summary>
public static class BundleLayout
{
    public const string Schema = "rsc-evidence/1";

    /// <summary>Every file of the run, its size and SHA-256, and the facts a reviewer reads first.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>`sha256sum -c` lines for manifest.json and every run file: checkable without rsc.</summary>
    public const string ChecksumsName = "SHA256SUMS";

    /// <summary>Detached CMS (PKCS#7) signature over manifest.json's bytes, when the bundle is signed.</summary>
    public const string SignatureName = "manifest.json.p7s";

    /// <summary>The run folder's files live under this prefix, so they never collide with the names above.</summary>
    public const string RunPrefix = "run/";

    /// <summary>Every entry's time: the bundle must not depend on when it was packed.</summary>
    public static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Unix mode 0644, regular file, in the zip's external attributes.</summary>
    public const int EntryAttributes = unchecked((int)0x81A40000);

    public static bool IsReserved(string entryName) =>
        entryName is ManifestName or ChecksumsName or SignatureName;
}
