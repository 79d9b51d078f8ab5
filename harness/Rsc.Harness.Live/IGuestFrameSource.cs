using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Live;

/// <summary>Where a live device's guest frames come from: a guest socket, a packet socket, a virtqueue.</summary>
public interface IGuestFrameSource
{
    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> for one guest frame; null on timeout. Throws
    /// <see cref="Core.Devices.DeviceFailureException"/> when the device broke.
    /// </summary>
    (VirtioNetHeader Header, byte[] Frame)? Receive(int timeoutMs);

    /// <summary>
    /// The earliest Stopwatch time the frame just returned can have been delivered, when the source
    /// knows better than the moment <see cref="Receive"/> returned: the kernel's receive stamp on a
    /// socket, or the poll before the one that found it in a virtqueue. The frame is stamped with
    /// it, so a slow or descheduled reader never makes the device look late. Null: the frame is
    /// stamped when <see cref="Receive"/> returns.
    /// </summary>
    long? DeliveredNotBeforeTimestamp => null;
}
