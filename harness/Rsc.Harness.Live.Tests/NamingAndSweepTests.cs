using Rsc.Harness.Live;

namespace Rsc.Harness.Live.Tests;

public sealed class NamingAndSweepTests
{
    [Test]
    public void Names_fit_an_interface_name_and_name_their_owner()
    {
        foreach (LiveResourceKind kind in Enum.GetValues<LiveResourceKind>())
        {
            var name = LiveNames.Next(kind);
            Assert.That(name.Length, Is.LessThanOrEqualTo(15), name);
            Assert.That(LiveNames.OwnerOf(name), Is.EqualTo(Environment.ProcessId), name);
            Assert.That(LiveNames.IsOwn(name), Is.True);
        }
        Assert.That(LiveNames.OwnerOf("eth0"), Is.Null);
        Assert.That(LiveNames.OwnerOf("rscd1e240t0"), Is.Null, "other tools' names are never swept");
        Assert.That(LiveNames.OwnerOf("rsct1e240-3"), Is.EqualTo(0x1e240));
    }

    [Test]
    [Category("Live")]
    public void The_sweep_removes_what_a_dead_run_left_and_spares_the_living()
    {
        LiveTest.RequireLive();
        int dead = DeadPid();
        var orphanTap = $"rsct{dead:x}-1";
        var orphanNs = $"rscn{dead:x}-2";
        var mine = TapInterface.Create();
        try
        {
            // Never disposed: left behind as a killed run would leave it.
            _ = TapInterface.Create(orphanTap);
            HostCommand.Run("ip", "netns", "add", orphanNs);
            Directory.CreateDirectory(LiveNames.SocketDirectory);
            var orphanSocket = Path.Combine(LiveNames.SocketDirectory, $"rscs{dead:x}-3.sock");
            File.WriteAllText(orphanSocket, "");

            var removed = LiveNames.SweepOrphans();

            Assert.That(removed, Does.Contain($"interface {orphanTap}"));
            Assert.That(removed, Does.Contain($"namespace {orphanNs}"));
            Assert.That(File.Exists(orphanSocket), Is.False);
            Assert.That(Directory.Exists($"/sys/class/net/{mine.Name}"), Is.True, "a living run's TAP stays");
        }
        finally
        {
            mine.Dispose();
            HostCommand.TryRun("ip", ["link", "del", "dev", orphanTap], HostCommand.DefaultTimeout);
            HostCommand.TryRun("ip", ["netns", "del", orphanNs], HostCommand.DefaultTimeout);
        }
        Assert.That(LiveTest.Leftovers(), Is.Empty);
    }

    private static int DeadPid()
    {
        for (int pid = 4_000_000; pid > 3_000_000; pid -= 7)
        {
            if (!Directory.Exists($"/proc/{pid}"))
            {
                return pid;
            }
        }
        Assert.Inconclusive("no free pid found");
        return 0;
    }
}
