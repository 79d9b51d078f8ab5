namespace Rsc.Harness.Core.Devices;

/// <summary>The operating systems whose devices the harness can drive, as far as a device spelling cares.</summary>
public enum HostPlatform
{
    Linux,
    Windows,
    Other,
}

/// <summary>Which <see cref="HostPlatform"/> this process runs on, and the one line a device that needs another says.</summary>
public static class HostPlatforms
{
    public static HostPlatform Current { get; } =
        OperatingSystem.IsLinux() ? HostPlatform.Linux : OperatingSystem.IsWindows() ? HostPlatform.Windows : HostPlatform.Other;

    /// <summary>"device 'KIND' needs Linux (this machine runs Windows)": why a device cannot be used here.</summary>
    public static string NeedsMessage(string what, HostPlatform needed, HostPlatform host) =>
        $"{what} needs {needed} (this machine runs {Describe(host)})";

    private static string Describe(HostPlatform host) => host switch
    {
        HostPlatform.Other => System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        _ => host.ToString(),
    };
}
