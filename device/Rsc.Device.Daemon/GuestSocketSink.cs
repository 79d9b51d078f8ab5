using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon;

/// <summary>
/// The engine's guest: each delivery (12-byte virtio_net_hdr_v1 + Ethernet frame, already contiguous
/// in the engine's reused buffer) goes out as one SOCK_SEQPACKET message in one send(), without
/// copying or allocating.
/// </summary>
internal sealed class GuestSocketSink(SeqPacketClient socket) : IGuestSink
{
    public long Delivered { get; private set; }

    public long DeliveredBytes { get; private set; }

    /// <summary>Deliveries after this are dropped: the peer is gone and nothing can reach it.</summary>
    public bool Abandoned { get; private set; }

    public void Abandon() => Abandoned = true;

    public void Deliver(ReadOnlySpan<byte> headerAndFrame)
    {
        if (Abandoned)
        {
            return;
        }
        socket.Send(headerAndFrame);
        Delivered++;
        DeliveredBytes += headerAndFrame.Length;
    }
}
