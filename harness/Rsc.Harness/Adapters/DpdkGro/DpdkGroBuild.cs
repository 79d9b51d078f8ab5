using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Rsc.Harness.Live;

namespace Rsc.Harness.Adapters.DpdkGro;

/// <summary>
/// Finds the dpdk-gro sources of this checkout, builds them with make into out/dpdk-gro (make does
/// nothing when the program is newer than its sources) and reads DPDK's version from the program.
/// </summary>
public static partial class DpdkGroBuild
{
    /// <summary>Where the sources live, relative to the repository root.</summary>
    public const string SourceDirectory = "device/dpdk-gro";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The repository root above the running assembly's folder or, failing that, the current directory; null when neither is in a checkout.</summary>
    public static string? FindRepositoryRoot() => FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Environment.CurrentDirectory);

    /// <summary>The repository root at or above <paramref name="start"/>, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SourceDirectory, "Makefile")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The built program's path: <c>out/dpdk-gro/rsc-dpdk-gro</c> under the repository root.</summary>
    public static string ProgramPath(string root) => Path.Combine(root, "out", "dpdk-gro", DpdkGroDeviceFactory.ProgramName);

    /// <summary>Why the device cannot be built or run from this checkout, or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        if (FindRepositoryRoot() is not { } root)
        {
            return $"no {SourceDirectory}/Makefile above {AppContext.BaseDirectory}";
        }
        if (File.Exists(ProgramPath(root)))
        {
            return null;
        }
        if (HostCommand.Find("make") is null || HostCommand.Find("pkg-config") is null)
        {
            return "make and pkg-config are needed to build device/dpdk-gro (apt-get install make gcc pkg-config libdpdk-dev)";
        }
        var (code, _, _) = HostCommand.TryRun("pkg-config", ["--exists", "libdpdk"], HostCommand.DefaultTimeout);
        return code == 0 ? null : "DPDK is not installed (apt-get install libdpdk-dev)";
    }

    /// <summary>Builds (or confirms) the program and returns its path; a <see cref="LiveSetupException"/> says why it cannot.</summary>
    [SupportedOSPlatform("linux")]
    public static string EnsureBuilt()
    {
        var root = FindRepositoryRoot()
            ?? throw new LiveSetupException($"dpdk-gro: no {SourceDirectory}/Makefile above {AppContext.BaseDirectory} or the current directory; pass dpdk-gro:binary=PATH");
        var program = ProgramPath(root);
        if (HostCommand.Find("make") is null)
        {
            return File.Exists(program)
                ? program
                : throw new LiveSetupException("dpdk-gro: make is not installed (apt-get install make gcc pkg-config libdpdk-dev)");
        }
        var (code, _, errors) = HostCommand.TryRun("make", ["-s", "-C", Path.Combine(root, SourceDirectory), "OUT=" + Path.GetDirectoryName(program)], BuildTimeout);
        if (code != 0)
        {
            var last = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";
            throw new LiveSetupException($"dpdk-gro: building {SourceDirectory} failed (make exit {code}): {last}");
        }
        return program;
    }

    /// <summary>"22.11.11" from the program's "DPDK 22.11.11"; the whole line when it has no number.</summary>
    [SupportedOSPlatform("linux")]
    public static string VersionOf(string program)
    {
        var (code, output, errors) = HostCommand.TryRun(program, ["--version"], HostCommand.DefaultTimeout);
        if (code != 0)
        {
            throw new LiveSetupException($"dpdk-gro: '{program} --version' exited with code {code}: {errors.Trim()}");
        }
        return ParseVersion(output);
    }

    public static string ParseVersion(string output)
    {
        var line = (output ?? "").Split('\n', 2)[0].Trim();
        var m = VersionNumber().Match(line);
        return m.Success ? m.Value : line;
    }

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)+")]
    private static partial Regex VersionNumber();
}
