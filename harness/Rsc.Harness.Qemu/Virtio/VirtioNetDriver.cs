using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Virtio;
using Rsc.Harness.Live;
using Rsc.Harness.Qemu.Pci;
using Rsc.Harness.Qemu.Qtest;

namespace Rsc.Harness.Qemu.Virtio;

/// <summary>
/// A minimal virtio-net guest driver written against qtest: modern virtio-pci, split virtqueues rx 0
/// and ctrl 2 (tx 1 left disabled: the harness never transmits), MSI-X vectors off (the harness polls
/// the used rings). Receive buffers are posted before DRIVER_OK and each one is re-posted as soon as
/// its frame has been read. As <see cref="IGuestFrameSource"/> it hands the run each guest frame with
/// its virtio header; with MRG_RXBUF a frame spread over several buffers is reassembled and counted once.
/// </summary>
internal sealed class VirtioNetDriver : IGuestFrameSource
{
    public const ushort RxQueue = 0;
    public const ushort TxQueue = 1;
    public const ushort ControlQueue = 2;
    public const ulong MmioBase = 0xE000_0000;

    public const byte ControlRx = 0;
    public const byte ControlRxPromisc = 0;
    public const byte ControlGuestOffloads = 5;
    public const byte ControlGuestOffloadsSet = 0;
    public const byte ControlOk = 0;

    private const ushort ControlQueueSize = 16;
    private const int ControlBufferBytes = 4096;

    private readonly QtestClient _qtest;
    private readonly VirtioCommonConfig _common;
    private readonly SplitVirtqueue _rx;
    private readonly SplitVirtqueue? _control;
    private readonly ulong[] _rxBuffers;
    private readonly ulong _controlBuffer;
    private readonly Queue<(VirtioNetHeader, byte[])> _ready = new();

    // When each ready frame may have been delivered at the earliest: the start of the last poll that
    // found the used ring without it (a qtest round trip is slow; the guest must not look slow).
    private readonly Queue<long> _readyNotBefore = new();
    private long _lastEmptyPoll = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public long? DeliveredNotBeforeTimestamp { get; private set; }
    private readonly List<ushort> _withheld = [];
    private int _framesDelivered;

    private VirtioNetDriver(
        QtestClient qtest,
        VirtioCommonConfig common,
        VirtioNetDriverSettings settings,
        SplitVirtqueue rx,
        SplitVirtqueue? control,
        ulong[] rxBuffers,
        ulong controlBuffer,
        ulong offered,
        ulong negotiated,
        byte[] mac)
    {
        _qtest = qtest;
        _common = common;
        Settings = settings;
        _rx = rx;
        _control = control;
        _rxBuffers = rxBuffers;
        _controlBuffer = controlBuffer;
        OfferedFeatures = offered;
        NegotiatedFeatures = negotiated;
        Mac = mac;
    }

    public VirtioNetDriverSettings Settings { get; }

    public int RxBuffersPosted => _rxBuffers.Length;

    public int RxQueueSize => _rx.Layout.Size;

    public ulong OfferedFeatures { get; }

    public ulong NegotiatedFeatures { get; }

    /// <summary>The MAC address in the device's config space.</summary>
    public IReadOnlyList<byte> Mac { get; }

    public bool PromiscuousSet { get; private set; }

    /// <summary>Guest frames handed out so far (a reassembled mergeable frame counts once).</summary>
    public int FramesDelivered => _framesDelivered;

    /// <summary>Rx buffers consumed by the device so far.</summary>
    public long BuffersUsed { get; private set; }

    /// <summary>When false, consumed rx buffers are not given back (to watch the device run dry).</summary>
    public bool RepostBuffers { get; set; } = true;

    /// <summary>Finds and initialises the device: the whole virtio 1.x driver initialisation sequence.</summary>
    public static VirtioNetDriver Initialise(QtestClient qtest, VirtioNetDriverSettings settings, ulong ramBytes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var function = VirtioPciFunction.Prepare(qtest, MmioBase);
        var common = new VirtioCommonConfig(qtest, function.AddressOf(VirtioPciCapabilityType.Common));
        var notifyCap = function.Capability(VirtioPciCapabilityType.Notify);
        ulong notifyBase = function.AddressOf(VirtioPciCapabilityType.Notify);
        ulong deviceConfig = function.AddressOf(VirtioPciCapabilityType.Device);

        // 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK.
        common.Status = 0;
        WaitFor(() => common.Status == 0, "the device to finish its reset");
        common.Status = VirtioCommonConfig.StatusAcknowledge;
        common.Status = VirtioCommonConfig.StatusAcknowledge | VirtioCommonConfig.StatusDriver;
        ulong offered = common.ReadDeviceFeatures();
        if (!VirtioFeatures.Has(offered, VirtioFeatures.Version1))
        {
            throw new DeviceFailureException($"the device does not offer VERSION_1; offered {VirtioFeatures.Format(offered)}");
        }
        ulong negotiated = offered & VirtioFeatures.Wanted(settings.RscExt, settings.MergeableBuffers);
        common.WriteDriverFeatures(negotiated);
        common.Status = VirtioCommonConfig.StatusAcknowledge | VirtioCommonConfig.StatusDriver | VirtioCommonConfig.StatusFeaturesOk;
        if ((common.Status & VirtioCommonConfig.StatusFeaturesOk) == 0)
        {
            common.Status = VirtioCommonConfig.StatusFailed;
            throw new DeviceFailureException($"the device refused the features {VirtioFeatures.Format(negotiated)} (FEATURES_OK did not stick)");
        }
        common.SetConfigVector(VirtioCommonConfig.NoVector);

        var memory = new GuestMemory(ramBytes);

        // Receive queue 0.
        common.SelectQueue(RxQueue);
        ushort rxMax = common.SelectedQueueSize;
        if (rxMax == 0)
        {
            throw new DeviceFailureException("the device reports no receive queue (queue 0 size 0)");
        }
        ushort rxSize = rxMax;
        int bufferCount = Math.Min(settings.RxBuffers, rxSize);
        var rxLayout = SplitVirtqueueLayout.At(memory.Allocate(SplitVirtqueueLayout.Align((ulong)RingBytes(rxSize), 4096), 4096), rxSize);
        var rx = new SplitVirtqueue(qtest, RxQueue, rxLayout, notifyBase + (ulong)common.SelectedQueueNotifyOffset * notifyCap.NotifyOffsetMultiplier);
        rx.ClearRings();
        common.ConfigureSelectedQueue(rxLayout, VirtioCommonConfig.NoVector);

        // Control queue 2, when negotiated.
        SplitVirtqueue? control = null;
        ulong controlBuffer = 0;
        if (VirtioFeatures.Has(negotiated, VirtioFeatures.CtrlVq))
        {
            common.SelectQueue(ControlQueue);
            ushort max = common.SelectedQueueSize;
            ushort size = Math.Min(max, ControlQueueSize);
            var layout = SplitVirtqueueLayout.At(memory.Allocate(SplitVirtqueueLayout.Align((ulong)RingBytes(size), 4096), 4096), size);
            control = new SplitVirtqueue(qtest, ControlQueue, layout, notifyBase + (ulong)common.SelectedQueueNotifyOffset * notifyCap.NotifyOffsetMultiplier);
            control.ClearRings();
            common.ConfigureSelectedQueue(layout, VirtioCommonConfig.NoVector);
            controlBuffer = memory.Allocate(ControlBufferBytes, 4096);
        }

        // Receive buffers, posted before DRIVER_OK.
        var buffers = new ulong[bufferCount];
        var descriptors = new VirtqDescriptor[bufferCount];
        for (int i = 0; i < bufferCount; i++)
        {
            buffers[i] = memory.Allocate((ulong)settings.RxBufferSize, 64);
            descriptors[i] = new VirtqDescriptor(buffers[i], (uint)settings.RxBufferSize, VirtqDescriptor.FlagWrite, 0);
        }
        rx.WriteDescriptors(0, descriptors);
        rx.Publish([.. Enumerable.Range(0, bufferCount).Select(i => (ushort)i)]);

        common.Status = VirtioCommonConfig.StatusAcknowledge | VirtioCommonConfig.StatusDriver
            | VirtioCommonConfig.StatusFeaturesOk | VirtioCommonConfig.StatusDriverOk;
        byte status = common.Status;
        if ((status & (VirtioCommonConfig.StatusNeedsReset | VirtioCommonConfig.StatusFailed)) != 0)
        {
            throw new DeviceFailureException(string.Create(CultureInfo.InvariantCulture, $"device status 0x{status:x2} after DRIVER_OK"));
        }
        rx.Notify();

        var mac = VirtioFeatures.Has(negotiated, VirtioFeatures.Mac) ? qtest.ReadBytes(deviceConfig, 6) : [];
        var driver = new VirtioNetDriver(qtest, common, settings, rx, control, buffers, controlBuffer, offered, negotiated, mac);
        return driver;
    }

    /// <summary>Device status register (NEEDS_RESET, FAILED show a broken device).</summary>
    public byte ReadStatus() => _common.Status;

    /// <summary>VIRTIO_NET_CTRL_RX / PROMISC: every frame reaches the guest whatever its destination MAC.</summary>
    public bool SetPromiscuous(bool on)
    {
        if (!VirtioFeatures.Has(NegotiatedFeatures, VirtioFeatures.CtrlRx))
        {
            return false;
        }
        bool ok = SendControl(ControlRx, ControlRxPromisc, [on ? (byte)1 : (byte)0]) == ControlOk;
        PromiscuousSet = ok && on;
        return ok;
    }

    /// <summary>
    /// VIRTIO_NET_CTRL_GUEST_OFFLOADS_SET with a 64-bit offload mask (feature bit numbers); returns
    /// the device's ack (0 = OK). QEMU reads RSC_EXT in this mask to switch RSC on or off.
    /// </summary>
    public byte SetGuestOffloads(ulong offloads)
    {
        var data = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(data, offloads);
        return SendControl(ControlGuestOffloads, ControlGuestOffloadsSet, data);
    }

    /// <summary>The offload mask matching the negotiated features, with RSC_EXT on or off.</summary>
    public ulong OffloadMask(bool rsc)
    {
        ulong mask = NegotiatedFeatures & (VirtioFeatures.Bit(VirtioFeatures.GuestCsum) | VirtioFeatures.Bit(VirtioFeatures.GuestTso4)
            | VirtioFeatures.Bit(VirtioFeatures.GuestTso6) | VirtioFeatures.Bit(VirtioFeatures.GuestEcn) | VirtioFeatures.Bit(VirtioFeatures.GuestUfo));
        return rsc ? mask | VirtioFeatures.Bit(VirtioFeatures.RscExt) : mask;
    }

    /// <summary>Sends one control command (class, command, data) and waits for its ack byte.</summary>
    public byte SendControl(byte commandClass, byte command, ReadOnlySpan<byte> data)
    {
        var control = _control ?? throw new InvalidOperationException("CTRL_VQ was not negotiated");
        if (data.Length > ControlBufferBytes - 64)
        {
            throw new ArgumentException("control data too long", nameof(data));
        }
        ulong header = _controlBuffer;
        ulong payload = _controlBuffer + 16;
        ulong ack = payload + (ulong)SplitVirtqueueLayout.Align((ulong)data.Length, 16);
        _qtest.WriteBytes(header, [commandClass, command, 0xFF, 0xFF]);
        _qtest.WriteBytes(payload, data);
        _qtest.Writeb(ack, 0xFF);
        var chain = new List<VirtqDescriptor>();
        if (data.Length > 0)
        {
            chain.Add(new VirtqDescriptor(header, 2, VirtqDescriptor.FlagNext, 1));
            chain.Add(new VirtqDescriptor(payload, (uint)data.Length, VirtqDescriptor.FlagNext, 2));
        }
        else
        {
            chain.Add(new VirtqDescriptor(header, 2, VirtqDescriptor.FlagNext, 1));
        }
        chain.Add(new VirtqDescriptor(ack, 1, VirtqDescriptor.FlagWrite, 0));
        control.WriteDescriptors(0, chain);
        control.Publish([0]);
        control.Notify();
        ushort expected = control.AvailableIndex;
        WaitFor(() => control.ReadUsedIndex() == expected, string.Create(CultureInfo.InvariantCulture, $"the device to answer control command class {commandClass} cmd {command}"));
        control.TakeUsed();
        return _qtest.Readb(ack);
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for a guest frame by polling the rx used ring; reads
    /// the buffer(s), gives them back to the device and returns header and frame.
    /// </summary>
    public (VirtioNetHeader Header, byte[] Frame)? Receive(int timeoutMs)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(timeoutMs * (Stopwatch.Frequency / 1000.0));
        while (true)
        {
            if (_ready.Count > 0)
            {
                DeliveredNotBeforeTimestamp = _readyNotBefore.Dequeue();
                return _ready.Dequeue();
            }
            long pollStart = Stopwatch.GetTimestamp();
            ushort used = _rx.ReadUsedIndex();
            if (_rx.Pending(used) > 0)
            {
                Collect(used);
                continue;
            }
            _lastEmptyPoll = pollStart;
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return null;
            }
            // Each poll is a qtest round trip (the thread blocks on the answer); yielding between
            // empty polls leaves the core to QEMU and the pacer on small machines.
            Thread.Yield();
        }
    }

    private void Collect(ushort usedIndex)
    {
        var repost = new List<ushort>();
        while (_rx.Pending(usedIndex) > 0)
        {
            var (id, length) = _rx.TakeUsed();
            BuffersUsed++;
            var data = ReadBuffer(id, length);
            repost.Add((ushort)id);
            if (data.Length < VirtioNetHeader.Size)
            {
                throw GuestMessage.Garbage(data, _framesDelivered, $"rx buffer {id} holds {length} bytes, less than a virtio header");
            }
            var message = data;
            if (VirtioFeatures.Has(NegotiatedFeatures, VirtioFeatures.MrgRxbuf))
            {
                int count = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(10));
                if (count == 0)
                {
                    throw GuestMessage.Garbage(data, _framesDelivered, "num_buffers is 0 with MRG_RXBUF negotiated");
                }
                var parts = new List<byte[]> { data };
                for (int k = 1; k < count; k++)
                {
                    if (_rx.Pending(usedIndex) == 0)
                    {
                        // All buffers of one frame are published together; allow for a slow reader anyway.
                        WaitFor(() => _rx.Pending(usedIndex = _rx.ReadUsedIndex()) > 0, string.Create(CultureInfo.InvariantCulture, $"buffer {k + 1} of {count} of a mergeable frame"));
                    }
                    var (nextId, nextLength) = _rx.TakeUsed();
                    BuffersUsed++;
                    parts.Add(ReadBuffer(nextId, nextLength));
                    repost.Add((ushort)nextId);
                }
                message = Concat(parts);
            }
            _ready.Enqueue(GuestMessage.Parse(message, _framesDelivered));
            _readyNotBefore.Enqueue(_lastEmptyPoll);
            _framesDelivered++;
        }
        if (!RepostBuffers)
        {
            _withheld.AddRange(repost);
        }
        else if (repost.Count > 0)
        {
            _rx.Publish(repost);
            _rx.Notify();
        }
    }

    private byte[] ReadBuffer(uint id, uint length)
    {
        if (id >= _rxBuffers.Length)
        {
            throw new DeviceFailureException(string.Create(CultureInfo.InvariantCulture, $"the device returned rx descriptor {id}, but only {_rxBuffers.Length} were posted"));
        }
        if (length > Settings.RxBufferSize)
        {
            throw new DeviceFailureException(string.Create(CultureInfo.InvariantCulture, $"the device wrote {length} bytes into rx buffer {id} of {Settings.RxBufferSize} bytes"));
        }
        return _qtest.ReadBytes(_rxBuffers[id], (int)length);
    }

    /// <summary>Gives every consumed rx buffer back now (after a period with <see cref="RepostBuffers"/> off).</summary>
    public void RepostAll()
    {
        if (_withheld.Count == 0)
        {
            return;
        }
        _rx.Publish(_withheld);
        _withheld.Clear();
        _rx.Notify();
    }

    private static byte[] Concat(List<byte[]> parts)
    {
        int total = parts[0].Length + parts.Skip(1).Sum(p => p.Length);
        var result = new byte[total];
        int at = 0;
        foreach (var p in parts)
        {
            p.CopyTo(result, at);
            at += p.Length;
        }
        return result;
    }

    private static int RingBytes(ushort size) =>
        (int)SplitVirtqueueLayout.At(0, size).TotalBytes;

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new DeviceFailureException($"timed out after 2 s waiting for {what}");
            }
            Thread.Sleep(1);
        }
    }
}
