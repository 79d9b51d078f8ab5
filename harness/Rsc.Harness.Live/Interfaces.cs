using System.Runtime.Versioning;




namespace Rsc.Harness.Live;

/// <summary>Small interface settings through iproute2 and sysctl.</summary>
[SupportedOSPlatform("linux")]
public static class Interfaces
{
    /// <summary>Turns IPv6 off so the kernel adds no router or neighbour traffic to captures.</summary>
    public static void DisableIpv6(string name, string? netns = null) =>
        InNamespace(netns, "sysctl", "-q", "-w", $"net.ipv6.conf.{name}.disable_ipv6=1");

    public static void SetUp(string name, string? netns = null) =>
        InNamespace(netns, "ip", "link", "set", "dev", name, "up");

    /// <summary>Runs a host tool, inside <paramref name="netns"/> when given (via <c>ip netns exec</c>).</summary>
    public static string InNamespace(string? netns, string tool, params string[] arguments)
    {
        if (netns is null)
        {
            return HostCommand.Run(tool, arguments);
        }
        var path = HostCommand.Find(tool) ?? throw new LiveSetupException($"'{tool}' is not installed");
        return HostCommand.Run("ip", ["netns", "exec", netns, path, .. arguments], HostCommand.DefaultTimeout);
    }
}
