using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests.Support;

/// <summary>One delivery as the guest saw it: virtio header, frame, and when it arrived.</summary>
public sealed record GuestDelivery(VirtioNetHeader Header, byte[] Frame, DateTimeOffset At)
{
    private ParsedPacket? _parsed;

    public ParsedPacket Packet => _parsed ??= PacketParser.Parse(Frame);

    public bool IsCoalesced => Header.HasRscInfo;
}

/// <summary>A guest sink that keeps copies of everything delivered.</summary>
public sealed class GuestRecorder(TimeProvider time) : IGuestSink
{
    private readonly List<GuestDelivery> _deliveries = [];

    public IReadOnlyList<GuestDelivery> Deliveries => _deliveries;

    public int Count => _deliveries.Count;

    public GuestDelivery this[int index] => _deliveries[index];

    public void Deliver(ReadOnlySpan<byte> headerAndFrame)
    {
        var header = VirtioNetHeader.Read(headerAndFrame);
        _deliveries.Add(new GuestDelivery(header, headerAndFrame[VirtioNetHeader.Size..].ToArray(), time.GetUtcNow()));
    }

    public void Clear() => _deliveries.Clear();
}
