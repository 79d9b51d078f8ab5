using System.Runtime.Versioning;
using Rsc.Harness.Core.Capture;
using SharpPcap;
using SharpPcap.LibPcap;

namespace Rsc.Harness.Live;

/// <summary>
/// libpcap on an interface the run created (the TAP a device reads), from before the case's first
/// frame to after its last: what the kernel really put on the wire and when, by the kernel's own
/// timestamps at nanosecond resolution. The harness's pacing is measured there as well as at the
/// sender. It reads and records; it never judges.
/// </summary>
/// <remarks>
/// No capture thread runs while the case sends: the opened handle's kernel ring queues every frame
/// with its kernel timestamp, and <see cref="Stop"/> reads them all after the case. So nothing
/// competes with the paced sender for a core, and no frame is lost to a thread that started late.
/// The ring holds <see cref="RingBytes"/> / <see cref="Snaplen"/>-sized slots (some 500 frames);
/// frames the kernel had to drop are reported as a note, never hidden.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed class WireCapture : IDisposable
{
    /// <summary>Bytes kept of each frame: the harness sends standard Ethernet frames, far shorter.</summary>
    public const int Snaplen = 65_535;

    /// <summary>The kernel ring's size.</summary>
    public const int RingBytes = 32 << 20;

    private readonly LibPcapLiveDevice _device;
    private readonly List<PcapRecord> _records = [];
    private readonly Lock _gate = new();
    private int _stopped;
    private string? _loss;

    private WireCapture(LibPcapLiveDevice device) => _device = device;

    /// <summary>Starts capturing on <paramref name="interfaceName"/>; throws <see cref="LiveSetupException"/> when libpcap cannot.</summary>
    public static WireCapture Start(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        LibPcapLiveDevice device;
        try
        {
            device = LibPcapLiveDeviceList.New().FirstOrDefault(d => d.Name == interfaceName)
                ?? throw new LiveSetupException($"libpcap does not see interface {interfaceName}");
            device.Open(new SharpPcap.DeviceConfiguration
            {
                Mode = DeviceModes.None,
                TimestampResolution = TimestampResolution.Nanosecond,
                Immediate = true,
                ReadTimeout = 5,
                Snaplen = Snaplen,
                BufferSize = RingBytes,
            });
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or PcapException)
        {
            throw new LiveSetupException($"cannot capture the wire on {interfaceName} ({e.Message}); apt-get install libpcap0.8");
        }
        // Open alone starts the kernel queueing; no capture thread (see remarks).
        return new WireCapture(device);
    }

    /// <summary>
    /// Starts capturing on <paramref name="interfaceName"/>, or returns null with the reason in
    /// <paramref name="problem"/>: a missing wire capture is a note on the case, never its failure.
    /// </summary>
    public static WireCapture? TryStart(string interfaceName, out string? problem)
    {
        try
        {
            problem = null;
            return Start(interfaceName);
        }
        catch (LiveSetupException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Stops <paramref name="wire"/> and gives <paramref name="capture"/> its records and the pacing
    /// measured there; without a wire capture, a note saying why (<paramref name="problem"/>).
    /// </summary>
    public static DeviceCapture Attach(DeviceCapture capture, WireCapture? wire, string? problem)
    {
        ArgumentNullException.ThrowIfNull(capture);
        if (wire is null)
        {
            return capture with { Notes = [.. capture.Notes, $"no wire capture: {problem ?? "not started"}"] };
        }
        var records = wire.Stop();
        var notes = wire.Loss is { } loss ? [.. capture.Notes, loss] : capture.Notes;
        return capture with { Wire = records, WirePacing = PacingOf(capture.Sent, records), Notes = notes };
    }

    /// <summary>Why the capture may be missing frames (the kernel dropped some), or null.</summary>
    public string? Loss
    {
        get
        {
            lock (_gate)
            {
                return _loss;
            }
        }
    }

    /// <summary>Reads every frame the kernel queued, stops capturing and returns them in arrival order.</summary>
    public IReadOnlyList<PcapRecord> Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            // Until a read times out: the ring is empty (immediate mode, short read timeout).
            while (_device.GetNextPacket(out var packet) == GetPacketStatus.PacketRead)
            {
                Arrived(packet);
            }
            string? loss = null;
            try
            {
                var statistics = _device.Statistics;
                if (statistics is not null && (statistics.DroppedPackets > 0 || statistics.InterfaceDroppedPackets > 0))
                {
                    loss = $"wire capture incomplete: the kernel dropped {statistics.DroppedPackets} frame(s) (ring full) and the interface {statistics.InterfaceDroppedPackets}";
                }
            }
            catch (PcapException e)
            {
                loss = $"wire capture statistics unavailable: {e.Message}";
            }
            _device.Close();
            lock (_gate)
            {
                _loss = loss;
            }
        }
        lock (_gate)
        {
            return [.. _records];
        }
    }

    public void Dispose() => Stop();

    /// <summary>
    /// The gaps between <paramref name="sent"/> frames as they appear in <paramref name="wire"/>: each
    /// sent frame is matched, in order, to the first later wire record with the same bytes. Null
    /// when fewer than two were found.
    /// </summary>
    public static PacingReport? PacingOf(IReadOnlyList<SentFrame> sent, IReadOnlyList<PcapRecord> wire)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(wire);
        var times = new List<long>(sent.Count);
        int next = 0;
        foreach (var s in sent)
        {
            for (int i = next; i < wire.Count; i++)
            {
                if (wire[i].Data.AsSpan().SequenceEqual(s.Frame))
                {
                    times.Add(wire[i].TimestampNs);
                    next = i + 1;
                    break;
                }
            }
        }
        return times.Count < 2 ? null : PacingReport.FromTimes(times);
    }

    private void Arrived(PacketCapture e)
    {
        var record = new PcapRecord(CaptureFileReader.ToNanoseconds(e.Header.Timeval), e.Data.ToArray(), e.Header is PcapHeader h ? (int)h.PacketLength : e.Data.Length);
        lock (_gate)
        {
            _records.Add(record);
        }
    }
}
