using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Rsc.Harness.Live;

namespace Rsc.Harness.Qemu.Host;

/// <summary>What <c>qemu-system-x86_64 --version</c> says, cached per binary.</summary>
public static partial class QemuVersion
{
    public const string DefaultBinary = "qemu-system-x86_64";

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Full path of the binary (a bare name is looked up on PATH), or null when it does not exist.</summary>
    public static string? Resolve(string binary)
    {
        ArgumentException.ThrowIfNullOrEmpty(binary);
        if (binary.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(binary) ? Path.GetFullPath(binary) : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, binary);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The version number (e.g. "7.2.22"), or the first output line when it has none; throws when the binary cannot run.</summary>
    public static string Of(string binaryPath) => Cache.GetOrAdd(binaryPath, Query);

    /// <summary>Extracts "7.2.22" from "QEMU emulator version 7.2.22 (Debian ...)".</summary>
    public static string? Parse(string output)
    {
        var m = VersionPattern().Match(output ?? "");
        return m.Success ? m.Groups[1].Value : null;
    }

    private static string Query(string binaryPath)
    {
        var (code, output, errors) = HostCommand.TryRun(binaryPath, ["--version"], HostCommand.DefaultTimeout);
        if (code != 0)
        {
            throw new LiveSetupException($"{binaryPath} --version exited with code {code}: {errors.Trim()}");
        }
        return Parse(output) ?? output.Split('\n', 2)[0].Trim();
    }

    [GeneratedRegex(@"version\s+([0-9]+(?:\.[0-9]+)+)")]
    private static partial Regex VersionPattern();
}
