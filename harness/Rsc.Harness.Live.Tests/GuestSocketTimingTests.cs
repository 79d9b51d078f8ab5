using System.Diagnostics;
using System.Net.Sockets;

namespace Rsc.Harness.Live.Tests;

/// <summary>
/// A guest frame's time is when the device sent it (the kernel's receive stamp), not when the
/// harness got round to reading it: a descheduled reader must never make a device look late.
/// </summary>
[NonParallelizable]
public sealed class GuestSocketTimingTests
{
    [Test]
    public void A_frame_read_late_keeps_the_time_the_device_sent_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"rsc-stamp-{Environment.ProcessId}.sock");
        using var guest = GuestSocket.Listen(path);
        using var device = new Socket(AddressFamily.Unix, SocketType.Seqpacket, ProtocolType.Unspecified);
        device.Connect(new UnixDomainSocketEndPoint(path));
        Assert.That(guest.Accept(TimeSpan.FromSeconds(5)), Is.True);

        long beforeSend = Stopwatch.GetTimestamp();
        device.Send(new byte[GuestMessage.HeaderLength + 60]);
        long afterSend = Stopwatch.GetTimestamp();
        Thread.Sleep(80);
        var frame = guest.Receive(1000);
        long read = Stopwatch.GetTimestamp();

        Assert.That(frame, Is.Not.Null);
        Assert.That(frame!.Value.Frame, Has.Length.EqualTo(60));
        long? stamp = guest.DeliveredNotBeforeTimestamp;
        Assert.That(stamp, Is.Not.Null, "the kernel stamped the frame");
        // The conversion from the wall clock is good to well under a millisecond.
        long slack = Stopwatch.Frequency / 1000;
        Assert.That(stamp!.Value, Is.InRange(beforeSend - slack, afterSend + slack));
        Assert.That(Stopwatch.GetElapsedTime(stamp.Value, read), Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(70)));
    }

    [Test]
    public void Steal_is_an_upper_bound_from_tick_counts_per_cpu()
    {
        Assert.Multiple(() =>
        {
            Assert.That(HostSteal.MaxStolenNs([5, 7], [5, 7]), Is.Zero, "no tick moved");
            // One tick moved: anything below two ticks (20 ms) may have been stolen.
            Assert.That(HostSteal.MaxStolenNs([5, 7], [6, 7]), Is.EqualTo(20_000_000));
            Assert.That(HostSteal.MaxStolenNs([5, 7], [6, 10]), Is.EqualTo(40_000_000), "the worst CPU counts");
            Assert.That(HostSteal.MaxStolenNs([], [3]), Is.Zero, "nothing to compare");
        });
    }

    [Test]
    public void Steal_is_read_for_every_cpu()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("/proc/stat is Linux's");
        }
        // Every online CPU has a line; a container may be allowed fewer of them.
        Assert.That(HostSteal.Snapshot(), Has.Length.GreaterThanOrEqualTo(Environment.ProcessorCount));
    }
}
