using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Core.Capture;

/// <summary>
/// One frame as the guest received it: the decoded virtio_net_hdr_v1 and the Ethernet frame behind
/// it. Every device adapter (in-process, TAP daemon, QEMU, Linux GRO) produces this same model.
/// </summary>
/// <param name="Index">Delivery order, 0-based; findings refer to guest frames by it.</param>
/// <param name="TimeNs">When the guest saw it, ns from the start of the run (same clock as <see cref="SentFrame.SentNs"/>).</param>
/// <param name="Header">The virtio header; adapters whose device has none synthesise what it reported.</param>
/// <param name="Frame">The Ethernet frame.</param>
public sealed record GuestFrame(int Index, long TimeNs, VirtioNetHeader Header, byte[] Frame);
