using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Live;

namespace Rsc.Harness.LinuxGro;

/// <summary>
/// Linux GRO as a device under test: a veth pair split across two network namespaces of its own.
/// Frames go into the sending end through an AF_PACKET socket; the receiving end has GRO on,
/// gro_flush_timeout = the case's drain interval and napi_defer_hard_irqs = 1, and an AF_PACKET
/// socket with PACKET_VNET_HDR there sees each packet as GRO handed it to the stack, behind the
/// 10-byte virtio_net_hdr Linux fills in. One instance runs one plan; disposing deletes both
/// namespaces (and with them the veth pair).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LinuxGroDevice : IDeviceUnderTest
{
    /// <summary>Linux's virtio_net_hdr without num_buffers (PACKET_VNET_HDR).</summary>
    public const int LinuxVnetHeaderSize = 10;

    /// <summary>Largest packet GRO can build (64 KiB IP datagram) plus Ethernet and vnet headers, with room to spare.</summary>
    internal const int ReceiveBufferSize = 1 << 17;

    /// <summary>MTU of both veth ends: the largest veth allows, so every frame a case builds can pass.</summary>
    public const int MaxMtu = 65535;

    private readonly DeviceConfiguration _configuration;
    private readonly List<IDisposable> _resources = [];
    private readonly List<string> _setupNotes = [];
    private NetworkNamespace? _senderNamespace;
    private NetworkNamespace? _receiverNamespace;
    private PacketSocket? _sender;
    private PacketSocket? _receiver;
    private byte[] _senderMac = [];
    private int _runs;
    private int _disposed;

    private LinuxGroDevice(DeviceConfiguration configuration)
    {
        _configuration = configuration;
        Info = null!;
    }

    public DeviceInfo Info { get; private set; }

    /// <summary>Name of the sending veth end (in <see cref="SenderNamespace"/>).</summary>
    public string SenderInterface { get; private set; } = "";

    /// <summary>Name of the receiving veth end, where GRO runs (in <see cref="ReceiverNamespace"/>).</summary>
    public string ReceiverInterface { get; private set; } = "";

    public string SenderNamespace => _senderNamespace?.Name ?? "";

    public string ReceiverNamespace => _receiverNamespace?.Name ?? "";

    /// <summary>Notes about the set-up that every capture of this device carries.</summary>
    public IReadOnlyList<string> SetupNotes => _setupNotes;

    /// <summary>
    /// Builds the namespaces, the veth pair and both sockets. On any failure everything created so
    /// far is removed before the exception leaves.
    /// </summary>
    /// <param name="afterStep">Called after each named set-up step (tests use it to fail half-way).</param>
    internal static LinuxGroDevice Create(string name, DeviceConfiguration configuration, Action<string>? afterStep = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuration.DrainIntervalNs);
        LiveEnvironment.EnsureAvailable();
        var device = new LinuxGroDevice(configuration);
        try
        {
            device.SetUp(name, afterStep ?? (_ => { }));
        }
        catch
        {
            device.Release();
            throw;
        }
        return device;
    }

    private void SetUp(string name, Action<string> afterStep)
    {
        if (HostCommand.Find("ethtool") is null)
        {
            throw new LiveSetupException("'ethtool' is not installed (apt-get install ethtool); GRO on veth needs it");
        }
        var kernel = HostCommand.Run("uname", "-r").Trim();

        _senderNamespace = NetworkNamespace.Create();
        _resources.Add(_senderNamespace);
        afterStep("sender-namespace");
        _receiverNamespace = NetworkNamespace.Create();
        _resources.Add(_receiverNamespace);
        afterStep("receiver-namespace");

        // No IPv6 anywhere in either namespace, before any interface exists there: the veth ends
        // below are born inside them and take these defaults.
        foreach (var ns in new[] { _senderNamespace.Name, _receiverNamespace.Name })
        {
            Interfaces.InNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
            Interfaces.InNamespace(ns, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
        }

        SenderInterface = LiveNames.Next(LiveResourceKind.Veth);
        ReceiverInterface = LiveNames.Next(LiveResourceKind.VethPeer);
        // Both ends are born inside their namespaces: nothing appears in the host namespace.
        HostCommand.Run("ip", "link", "add", SenderInterface, "netns", _senderNamespace.Name, "type", "veth",
            "peer", "name", ReceiverInterface, "netns", _receiverNamespace.Name);
        afterStep("veth");

        // Cases send frames beyond 1500 bytes (size limits); veth refuses to send or forward a frame
        // longer than the MTU, and GRO itself never looks at it.
        var mtu = MaxMtu.ToString(CultureInfo.InvariantCulture);
        Interfaces.InNamespace(_senderNamespace.Name, "ip", "link", "set", "dev", SenderInterface, "mtu", mtu);
        Interfaces.InNamespace(_receiverNamespace.Name, "ip", "link", "set", "dev", ReceiverInterface, "mtu", mtu);

        // The receiving end takes the guest MAC every case addresses, so frames arrive as PACKET_HOST
        // as on a real NIC. (Tried here: GRO and the packet tap run before the IP layer's host check,
        // so frames for another MAC are merged and seen as well; promiscuous mode changes nothing.)
        Interfaces.InNamespace(_receiverNamespace.Name, "ip", "link", "set", "dev", ReceiverInterface,
            "address", FlowSpec.FormatMac(FlowSpec.DefaultGuestMac));
        Interfaces.InNamespace(_receiverNamespace.Name, "ethtool", "-K", ReceiverInterface, "gro", "on");
        // veth hands a frame to the peer's NAPI (and so to GRO) only when the sending end has no TSO
        // feature on, unless the frame comes from a local socket (veth_skb_is_eligible_for_gro).
        Interfaces.InNamespace(_senderNamespace.Name, "ethtool", "-K", SenderInterface, "tso", "off");
        afterStep("gro");

        // /sys shows the namespace of whoever mounted it; 'ip netns exec' mounts a fresh /sys for the
        // namespace, so the write has to happen inside it.
        WriteSysfs(_receiverNamespace.Name, ReceiverInterface, "gro_flush_timeout", _configuration.DrainIntervalNs);
        WriteSysfs(_receiverNamespace.Name, ReceiverInterface, "napi_defer_hard_irqs", 1);
        var flushTimeout = ReadSysfs(_receiverNamespace.Name, ReceiverInterface, "gro_flush_timeout");
        var deferIrqs = ReadSysfs(_receiverNamespace.Name, ReceiverInterface, "napi_defer_hard_irqs");
        if (flushTimeout != _configuration.DrainIntervalNs.ToString(CultureInfo.InvariantCulture) || deferIrqs != "1")
        {
            throw new LiveSetupException($"{ReceiverInterface}: gro_flush_timeout reads {flushTimeout} and napi_defer_hard_irqs {deferIrqs} after writing {_configuration.DrainIntervalNs} and 1");
        }
        var gro = Interfaces.InNamespace(_receiverNamespace.Name, "ethtool", "-k", ReceiverInterface);
        if (!gro.Contains("generic-receive-offload: on", StringComparison.Ordinal))
        {
            throw new LiveSetupException($"{ReceiverInterface}: generic-receive-offload did not switch on");
        }

        var senderFeatures = Interfaces.InNamespace(_senderNamespace.Name, "ethtool", "-k", SenderInterface);
        if (!senderFeatures.Contains("tcp-segmentation-offload: off", StringComparison.Ordinal))
        {
            throw new LiveSetupException($"{SenderInterface}: tcp-segmentation-offload did not switch off; veth would bypass GRO");
        }

        Interfaces.SetUp(ReceiverInterface, _receiverNamespace.Name);
        Interfaces.SetUp(SenderInterface, _senderNamespace.Name);
        afterStep("up");

        _senderMac = ParseMac(Interfaces.InNamespace(_senderNamespace.Name, "cat", $"/sys/class/net/{SenderInterface}/address"));
        var receiverName = ReceiverInterface;
        var senderName = SenderInterface;
        _receiver = _receiverNamespace.Run(() => PacketSocket.Open(receiverName, vnetHeader: true));
        _resources.Insert(0, _receiver);
        // Through the qdisc (veth has none to queue behind), so the kernel's packet taps (wire.pcap) see every frame.
        _sender = _senderNamespace.Run(() => PacketSocket.Open(senderName, qdiscBypass: false));
        _resources.Insert(0, _sender);
        afterStep("sockets");

        _setupNotes.Add($"veth {SenderInterface} (netns {_senderNamespace.Name}) -> {ReceiverInterface} (netns {_receiverNamespace.Name}); "
            + $"sending end TSO off, receiving end GRO on, gro_flush_timeout {flushTimeout} ns, napi_defer_hard_irqs {deferIrqs}, receiving end MAC {FlowSpec.FormatMac(FlowSpec.DefaultGuestMac)}, MTU {mtu} both ends, no addresses, IPv6 off");

        Info = new DeviceInfo(
            name,
            LinuxGroDeviceFactory.Kind,
            kernel,
            TimingMode.Real,
            LinuxGroCapabilities.Profile,
            new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["kernel"] = kernel,
                ["gro_flush_timeout-ns"] = flushTimeout,
                ["napi_defer_hard_irqs"] = deferIrqs,
                ["mtu"] = mtu,
                ["interval-us"] = Microseconds(_configuration.DrainIntervalNs),
                ["settle-us"] = Microseconds(_configuration.SettleNs),
                ["veth-send"] = $"{SenderInterface}@{_senderNamespace.Name}",
                ["veth-receive"] = $"{ReceiverInterface}@{_receiverNamespace.Name}",
            });
    }

    public async Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Increment(ref _runs) != 1)
        {
            throw new InvalidOperationException("a linux-gro device instance runs one plan; create a new one per case");
        }
        var sender = _sender!;
        var receiver = _receiver!;
        var notes = new List<string>(_setupNotes);
        bool senderMacInPlan = plan.Frames.Any(f => f.Frame.Length >= 12 && f.Frame.AsSpan(6, 6).SequenceEqual(_senderMac));
        var source = new ReceiverSource(receiver, senderMacInPlan ? null : _senderMac);
        int stale = source.Drain();
        if (stale > 0)
        {
            notes.Add($"{stale} frame(s) reached the receiving end before the run and were discarded");
        }
        if (plan.Frames.Any(f => f.Frame.Length >= 6 && !f.Frame.AsSpan(0, 6).SequenceEqual(FlowSpec.DefaultGuestMac)))
        {
            notes.Add("some frames are addressed to another MAC than the receiving end's; GRO still sees them (as PACKET_OTHERHOST)");
        }
        var senderName = SenderInterface;
        var (wire, wireProblem) = _senderNamespace!.Run(() => (WireCapture.TryStart(senderName, out var problem), problem));
        DeviceCapture capture;
        try
        {
            capture = await LiveTrafficRun.RunAsync(plan, sender.Send, source, _configuration, cancellationToken, notes: notes).ConfigureAwait(false);
        }
        finally
        {
            wire?.Stop();
        }
        capture = WireCapture.Attach(capture, wire, wireProblem);
        return source.KernelFrames == 0
            ? capture
            : capture with { Notes = [.. capture.Notes, $"{source.KernelFrames} frame(s) sent by the sending end's own kernel (its MAC as source) were left out"] };
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Release();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Sockets first (they hold the namespaces alive), then the namespaces; never throws.</summary>
    private void Release()
    {
        foreach (var r in _resources)
        {
            try
            {
                r.Dispose();
            }
            catch (Exception)
            {
                // Best effort: the orphan sweep removes what is left.
            }
        }
        _resources.Clear();
        _sender = null;
        _receiver = null;
    }

    private static void WriteSysfs(string netns, string ifName, string file, long value) =>
        Interfaces.InNamespace(netns, "sh", "-c", $"echo {value.ToString(CultureInfo.InvariantCulture)} > /sys/class/net/{ifName}/{file}");

    private static string ReadSysfs(string netns, string ifName, string file) =>
        Interfaces.InNamespace(netns, "cat", $"/sys/class/net/{ifName}/{file}").Trim();

    private static byte[] ParseMac(string text) =>
        [.. text.Trim().Split(':').Select(p => byte.Parse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];

    private static string Microseconds(long ns) => (ns / 1000.0).ToString(CultureInfo.InvariantCulture);

    /// <summary>Converts Linux's 10-byte virtio_net_hdr to the project's model (num_buffers 0), keeping every field as Linux set it.</summary>
    internal static VirtioNetHeader ToVirtioHeader(ReadOnlySpan<byte> linuxHeader)
    {
        Span<byte> full = stackalloc byte[VirtioNetHeader.Size];
        full.Clear();
        linuxHeader[..LinuxVnetHeaderSize].CopyTo(full);
        return VirtioNetHeader.Read(full);
    }

    /// <summary>The receiving end's packet socket as the guest side.</summary>
    private sealed class ReceiverSource(PacketSocket socket, byte[]? kernelMac) : IGuestFrameSource
    {
        private readonly byte[] _buffer = new byte[ReceiveBufferSize];

        public int KernelFrames { get; private set; }

        /// <summary>The kernel's stamp when the receiving end took the packet in (after GRO).</summary>
        public long? DeliveredNotBeforeTimestamp => socket.LastReceivedTimestamp;

        public int Drain()
        {
            int n = 0;
            while (socket.Receive(_buffer, 0) != 0)
            {
                n++;
            }
            return n;
        }

        public (VirtioNetHeader Header, byte[] Frame)? Receive(int timeoutMs)
        {
            while (true)
            {
                int n = socket.Receive(_buffer, timeoutMs);
                if (n == 0)
                {
                    return null;
                }
                if (n < 0)
                {
                    throw new DeviceFailureException($"a packet of {-n} bytes did not fit the {ReceiveBufferSize}-byte receive buffer");
                }
                if (n < LinuxVnetHeaderSize)
                {
                    throw new DeviceFailureException($"a {n}-byte packet arrived without its {LinuxVnetHeaderSize}-byte virtio_net_hdr");
                }
                var header = ToVirtioHeader(_buffer);
                var frame = _buffer.AsSpan(LinuxVnetHeaderSize, n - LinuxVnetHeaderSize).ToArray();
                if (kernelMac is not null && frame.Length >= 12 && frame.AsSpan(6, 6).SequenceEqual(kernelMac))
                {
                    KernelFrames++;
                    continue;
                }
                return (header, frame);
            }
        }
    }
}
