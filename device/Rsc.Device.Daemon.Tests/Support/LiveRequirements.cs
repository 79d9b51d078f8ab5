namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>What the live tests need: root, /dev/net/tun and the `ip` and `sysctl` tools.</summary>
internal static class LiveRequirements
{
    /// <summary>Ignores the calling test, with the reason, when the machine cannot run live tests.</summary>
    public static void IgnoreUnlessMet()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("live test: needs Linux");
        }
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("live test: needs root (creates a TAP and an AF_PACKET socket)");
        }
        if (!File.Exists("/dev/net/tun"))
        {
            Assert.Ignore("live test: /dev/net/tun is missing");
        }
        foreach (var tool in (string[])["ip", "sysctl"])
        {
            if (HostTool.Find(tool) is null)
            {
                Assert.Ignore($"live test: '{tool}' is not installed");
            }
        }
    }
}
