using System.Buffers.Binary;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Live;
using Rsc.Harness.LinuxGro;

namespace Rsc.Harness.LinuxGro.Tests;

[TestFixture]
[Category("Live")]
[NonParallelizable]
public sealed class LiveGroTests
{
    private const int Mss = 1448;

    [SetUp]
    public void RequireLiveEnvironment()
    {
        if (LiveEnvironment.WhyUnavailable() is { } reason)
        {
            Assert.Ignore(reason);
        }
    }

    [Test]
    public async Task FiveInOrderSegmentsWithinTheFlushTimeoutArriveAsOnePacket()
    {
        var builder = new TrafficBuilder();
        var flow = builder.FlowV4();
        var payload = new List<byte>();
        for (int i = 0; i < 5; i++)
        {
            payload.AddRange(flow.PayloadFor(flow.NextSeq, Mss));
            flow.Data(Mss);
        }
        var plan = builder.Build();
        // 400 us of traffic inside a 10 ms flush timeout: one poll sees all of it.
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        await using var device = await factory.CreateAsync(new DeviceConfiguration(10_000_000), CancellationToken.None);
        var capture = await device.RunAsync(plan, CancellationToken.None);

        Assert.That(capture.Guest, Has.Count.EqualTo(1), Describe(capture.Guest));
        var got = capture.Guest[0];
        Assert.Multiple(() =>
        {
            Assert.That(got.Header.GsoType, Is.EqualTo(VirtioGsoType.TcpV4));
            Assert.That(got.Header.GsoSize, Is.EqualTo(Mss));
            Assert.That(got.Header.NeedsChecksum, Is.True);
            Assert.That(got.Header.HasRscInfo, Is.False, "Linux never sets RSC_INFO");
            Assert.That(got.Header.NumBuffers, Is.Zero);
            Assert.That(TcpPayload(got.Frame), Is.EqualTo(payload.ToArray()));
            Assert.That(BinaryPrimitives.ReadUInt32BigEndian(got.Frame.AsSpan(14 + 20 + 4)), Is.EqualTo(BinaryPrimitives.ReadUInt32BigEndian(plan.Frames[0].Frame.AsSpan(14 + 20 + 4))), "sequence number of the first segment");
        });
    }

    [Test]
    public async Task ALoneSegmentArrivesUnchanged()
    {
        var builder = new TrafficBuilder();
        builder.FlowV4().Data(Mss);
        var plan = builder.Build();
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        await using var device = await factory.CreateAsync(new DeviceConfiguration(1_000_000), CancellationToken.None);
        var capture = await device.RunAsync(plan, CancellationToken.None);

        Assert.That(capture.Guest, Has.Count.EqualTo(1), Describe(capture.Guest));
        var got = capture.Guest[0];
        Assert.Multiple(() =>
        {
            Assert.That(got.Frame, Is.EqualTo(plan.Frames[0].Frame));
            Assert.That(got.Header.GsoType, Is.EqualTo(VirtioGsoType.None));
            Assert.That(got.Header.HasRscInfo, Is.False);
        });
    }

    [Test]
    public async Task TimestampsMergeOnlyWhileTheOptionRepeats()
    {
        var builder = new TrafficBuilder();
        var flow = builder.FlowV4().WithTimestamps(1000);
        for (int i = 0; i < 3; i++)
        {
            flow.TsVal = 1000;
            flow.Data(Mss, label: "TS(1000,777)");
        }
        flow.TsVal = 1001;
        flow.Data(Mss, label: "TS(1001,777)");
        var capture = await RunAsync(builder.Build(), 10_000_000);

        Assert.That(capture.Guest.Select(g => TcpPayload(g.Frame).Length), Is.EqualTo(new[] { 3 * Mss, Mss }), Describe(capture.Guest));
    }

    /// <summary>
    /// A segment GRO cannot merge at all (here a bad TCP checksum) goes up at once, ahead of the unit
    /// its own flow has held: the reordering the catalogue's checksum cases report.
    /// </summary>
    [Test]
    public async Task ASegmentGroCannotParseOvertakesTheUnitItsFlowHolds()
    {
        var builder = new TrafficBuilder();
        var flow = builder.FlowV4();
        flow.Data(Mss);
        flow.Data(Mss);
        builder.Mangled(flow.Next(Mss), "bad TCP checksum", f =>
        {
            f[14 + 20 + 16] ^= 0xFF;
            return f;
        });
        flow.Skip(Mss);
        flow.IpId++;
        var capture = await RunAsync(builder.Build(), 10_000_000);

        Assert.That(capture.Guest, Has.Count.EqualTo(2), Describe(capture.Guest));
        Assert.Multiple(() =>
        {
            Assert.That(capture.Guest[0].Frame, Is.EqualTo(builder.Build().Frames[2].Frame), "the bad segment first");
            Assert.That(TcpPayload(capture.Guest[1].Frame), Has.Length.EqualTo(2 * Mss), "the held unit after it");
        });
    }

    [Test]
    public async Task TheReceivingEndSendsNothingBack()
    {
        var builder = new TrafficBuilder();
        var v4 = builder.FlowV4();
        v4.Send(v4.Next(0, Core.Net.TcpFlags.Syn), label: "SYN");
        v4.Data(Mss);
        v4.Data(100, s => s with { Flags = Core.Net.TcpFlags.Ack | Core.Net.TcpFlags.Fin });
        var v6 = builder.FlowV6();
        v6.Data(Mss);
        v6.PureAck(s => s with { Flags = Core.Net.TcpFlags.Ack | Core.Net.TcpFlags.Rst });
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        await using var device = (LinuxGroDevice)await factory.CreateAsync(new DeviceConfiguration(1_000_000), CancellationToken.None);
        await device.RunAsync(builder.Build(), CancellationToken.None);
        Thread.Sleep(50);

        var sent = Interfaces.InNamespace(device.ReceiverNamespace, "cat", $"/sys/class/net/{device.ReceiverInterface}/statistics/tx_packets").Trim();
        var received = Interfaces.InNamespace(device.SenderNamespace, "cat", $"/sys/class/net/{device.SenderInterface}/statistics/rx_packets").Trim();
        Assert.That((sent, received), Is.EqualTo(("0", "0")), "packets sent by the receiving end, received by the sending end");
        // Nothing could: neither end has IPv6 (no router or neighbour solicitations).
        Assert.That(Interfaces.InNamespace(device.ReceiverNamespace, "cat", $"/proc/sys/net/ipv6/conf/{device.ReceiverInterface}/disable_ipv6").Trim(), Is.EqualTo("1"));
        Assert.That(Interfaces.InNamespace(device.SenderNamespace, "cat", $"/proc/sys/net/ipv6/conf/{device.SenderInterface}/disable_ipv6").Trim(), Is.EqualTo("1"));
    }

    [Test]
    public async Task DeviceInfoDescribesTheKernelAndTheVethPair()
    {
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        await using var device = await factory.CreateAsync(new DeviceConfiguration(300_000), CancellationToken.None);
        var info = device.Info;
        Assert.Multiple(() =>
        {
            Assert.That(info.Kind, Is.EqualTo("linux-gro"));
            Assert.That(info.Version, Is.EqualTo(File.ReadAllText("/proc/sys/kernel/osrelease").Trim()));
            Assert.That(info.Timing, Is.EqualTo(Core.Capture.TimingMode.Real));
            Assert.That(info.Capabilities, Is.EqualTo(LinuxGroCapabilities.Profile));
            Assert.That(info.Parameters["gro_flush_timeout-ns"], Is.EqualTo("300000"));
            Assert.That(info.Parameters["kernel"], Is.EqualTo(info.Version));
            Assert.That(info.Parameters["veth-send"], Does.StartWith("rscv"));
            Assert.That(info.Parameters["veth-receive"], Does.StartWith("rscw"));
        });
    }

    [Test]
    public async Task NothingOfTheRunIsLeftAfterDispose()
    {
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        var device = (LinuxGroDevice)await factory.CreateAsync(new DeviceConfiguration(300_000), CancellationToken.None);
        var names = new[] { device.SenderNamespace, device.ReceiverNamespace };
        Assert.That(names.All(n => File.Exists(Path.Combine("/run/netns", n))), Is.True, "both namespaces exist while the device lives");
        var builder = new TrafficBuilder();
        builder.FlowV4().Data(100);
        await device.RunAsync(builder.Build(), CancellationToken.None);
        await device.DisposeAsync();

        Assert.That(LiveNames.OfThisProcess(), Is.Empty);
        Assert.That(AllHostInterfaces().Where(i => i == device.SenderInterface || i == device.ReceiverInterface), Is.Empty);
    }

    [TestCase("sender-namespace")]
    [TestCase("receiver-namespace")]
    [TestCase("veth")]
    [TestCase("gro")]
    [TestCase("up")]
    [TestCase("sockets")]
    public void SetUpFailureCleansUp(string failAfter)
    {
        var before = LiveNames.OfThisProcess();
        var e = Assert.Throws<LiveSetupException>(() => LinuxGroDevice.Create("linux-gro", new DeviceConfiguration(), step =>
        {
            if (step == failAfter)
            {
                throw new LiveSetupException($"injected failure after {step}");
            }
        }));
        Assert.That(e!.Message, Does.Contain(failAfter));
        Assert.That(LiveNames.OfThisProcess(), Is.EquivalentTo(before));
    }

    [Test]
    public async Task ACancelledSetUpLeavesNothingBehind()
    {
        var before = LiveNames.OfThisProcess();
        // Set-up runs a dozen host commands (well over 20 ms), so the cancellation lands half-way.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        IDeviceUnderTest? device = null;
        try
        {
            device = await factory.CreateAsync(new DeviceConfiguration(), cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }
        finally
        {
            if (device is not null)
            {
                await device.DisposeAsync();
            }
        }
        Assert.That(device, Is.Null, "set-up finished before the cancellation; nothing was exercised");
        Assert.That(LiveNames.OfThisProcess(), Is.EquivalentTo(before));
    }

    [Test]
    public void FactoryRejectsOptions()
    {
        var e = Assert.Throws<ArgumentException>(() => LinuxGroDeviceFactory.Create("linux-gro:interval=5", "interval=5"));
        Assert.That(e!.Message, Does.Contain("no options").And.Not.Contain("\n"));
    }

    private static async Task<Core.Capture.DeviceCapture> RunAsync(TrafficPlan plan, long flushTimeoutNs)
    {
        var factory = LinuxGroDeviceFactory.Create("linux-gro", null);
        await using var device = await factory.CreateAsync(new DeviceConfiguration(flushTimeoutNs), CancellationToken.None);
        return await device.RunAsync(plan, CancellationToken.None);
    }

    private static IEnumerable<string> AllHostInterfaces() => Directory.GetFileSystemEntries("/sys/class/net").Select(p => Path.GetFileName(p)!);

    private static byte[] TcpPayload(byte[] frame) => Core.Net.PacketParser.Parse(frame).Payload.ToArray();

    private static string Describe(IReadOnlyList<Core.Capture.GuestFrame> frames) =>
        string.Join("; ", frames.Select(f => $"#{f.Index} t={f.TimeNs / 1000}us {f.Frame.Length}B {f.Header}"));
}
