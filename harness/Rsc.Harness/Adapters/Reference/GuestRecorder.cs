using Rsc.Device;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>The guest side of the in-process device: stamps each delivery with the virtual time and keeps a copy.</summary>
internal sealed class GuestRecorder(VirtualClock clock) : IGuestSink
{
    private readonly List<GuestFrame> _frames = [];

    public IReadOnlyList<GuestFrame> Frames => _frames;

    public void Deliver(ReadOnlySpan<byte> headerAndFrame)
    {
        if (headerAndFrame.Length < VirtioNetHeader.Size)
        {
            throw new DeviceFailureException(
                $"engine delivered {headerAndFrame.Length} bytes, fewer than a {VirtioNetHeader.Size}-byte virtio header");
        }
        var header = VirtioNetHeader.Read(headerAndFrame);
        // The span is only valid during this call.
        var frame = headerAndFrame[VirtioNetHeader.Size..].ToArray();
        _frames.Add(new GuestFrame(_frames.Count, clock.ElapsedNs, header, frame));
    }
}
