namespace Rsc.Device;

/// <summary>
/// Where the engine hands each guest delivery: the 12-byte little-endian virtio_net_hdr_v1
/// immediately followed by the Ethernet frame. The span is only valid during the call.
/// </summary>
public interface IGuestSink
{
    void Deliver(ReadOnlySpan<byte> headerAndFrame);
}
