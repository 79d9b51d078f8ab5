namespace Rsc.Reports;

/// <summary>
/// Facts about the machine that .NET does not expose, read from Linux's own files; null wherever the
/// file is absent or unreadable (another OS, a container without /proc), never a guess.
/// </summary>
public static class HostFacts
{
    public static string? KernelRelease() => FirstLine("/proc/sys/kernel/osrelease");

    public static string? Distribution() => OsReleaseValue(ReadOrNull("/etc/os-release"), "PRETTY_NAME");

    public static string? CpuModel() => CpuModelOf(ReadOrNull("/proc/cpuinfo"));

    /// <summary>The first "model name" of a /proc/cpuinfo text (x86); other architectures name it differently.</summary>
    public static string? CpuModelOf(string? cpuinfo)
    {
        foreach (var line in (cpuinfo ?? "").Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            var key = line[..colon].Trim();
            if (key is "model name" or "Model" or "cpu model" or "uarch")
            {
                var value = line[(colon + 1)..].Trim();
                if (value.Length > 0)
                {
                    return value;
                }
            }
        }
        return null;
    }

    /// <summary>A KEY=value of an os-release text, unquoted.</summary>
    public static string? OsReleaseValue(string? osRelease, string key)
    {
        foreach (var line in (osRelease ?? "").Split('\n'))
        {
            if (line.StartsWith(key + "=", StringComparison.Ordinal))
            {
                var value = line[(key.Length + 1)..].Trim();
                if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'')
                {
                    value = value[1..^1];
                }
                return value.Length == 0 ? null : value;
            }
        }
        return null;
    }

    private static string? FirstLine(string path)
    {
        var text = ReadOrNull(path);
        var line = text?.Split('\n')[0].Trim();
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
