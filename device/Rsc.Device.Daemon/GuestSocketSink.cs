using System.Diagnostics;
using System.Runtime.Versioning;
using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon;

/// <summary>
/// The engine's guest: each delivery (12-byte virtio_net_hdr_v1 + Ethernet frame, already contiguous
/// in the engine's reused buffer) goes out as one SOCK_SEQPACKET message in one send(), without
/// copying or allocating.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class GuestSocketSink(SeqPacketClient socket) : IGuestSink
{
    public long Delivered { get; private set; }

    /// <summary>Deliveries after this are dropped: the peer is gone and nothing can reach it.</summary>
    public bool Abandoned { get; private set; }

    public void Abandon() => Abandoned = true;

    /// <summary>How long each send took; long ones mean the guest's reader was not keeping up (back-pressure).</summary>
    public LatencyHistogram SendTime { get; } = new();

    public void Deliver(ReadOnlySpan<byte> headerAndFrame)
    {
        if (Abandoned)
        {
            return;
        }
        long started = Stopwatch.GetTimestamp();
        socket.Send(headerAndFrame);
        SendTime.Record(Stopwatch.GetTimestamp() - started);
        Delivered++;
    }
}
