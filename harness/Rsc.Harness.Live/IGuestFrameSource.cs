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
    /// For a source that finds frames by polling (a virtqueue read over qtest): the earliest
    /// Stopwatch time the frame just returned can have been delivered, so its slow polls never make
    /// the device look late. Null: the frame is stamped when <see cref="Receive"/> returns.
    /// </summary>
    long? DeliveredNotBeforeTimestamp => null;
}
