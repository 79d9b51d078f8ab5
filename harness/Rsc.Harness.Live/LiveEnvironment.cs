using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>Whether this machine can run live devices: Linux, root, /dev/net/tun and iproute2.</summary>
public static class LiveEnvironment
{
    /// <summary>Null when live devices can run here; otherwise the reason they cannot.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "live devices need Linux";
        }
        if (LibC.geteuid() != 0)
        {
            return "live devices need root (TAP, AF_PACKET and network namespaces)";
        }
        if (!File.Exists("/dev/net/tun"))
        {
            return "/dev/net/tun is missing";
        }
        if (HostCommand.Find("ip") is null)
        {
            return "iproute2 ('ip') is not installed";
        }
        return null;
    }

    /// <summary>Throws <see cref="LiveSetupException"/> with the reason when live devices cannot run here.</summary>
    public static void EnsureAvailable()
    {
        if (WhyUnavailable() is { } reason)
        {
            throw new LiveSetupException(reason);
        }
    }
}
