using Rsc.Harness.Live;

namespace Rsc.Harness.Live.Tests;

/// <summary>Live tests need root and /dev/net/tun; elsewhere they are ignored with the reason.</summary>
internal static class LiveTest
{
    public static void RequireLive()
    {
        if (LiveEnvironment.WhyUnavailable() is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    /// <summary>Interfaces and namespaces of this process that still exist.</summary>
    public static IReadOnlyList<string> Leftovers() => LiveNames.OfThisProcess();

    public static string FakeDevice(string mode)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Devices", "fake-device.py");
        if (!File.Exists("/usr/bin/python3"))
        {
            Assert.Ignore("python3 is needed for the misbehaving test device");
        }
        return $"exec /usr/bin/python3 '{script}' {mode}";
    }
}
