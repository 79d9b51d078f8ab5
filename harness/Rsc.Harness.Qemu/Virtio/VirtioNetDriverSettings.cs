namespace Rsc.Harness.Qemu.Virtio;

/// <summary>How the harness drives virtio-net as the guest.</summary>
/// <param name="RscExt">Accept VIRTIO_NET_F_RSC_EXT (bit 61) when offered.</param>
/// <param name="MergeableBuffers">Accept VIRTIO_NET_F_MRG_RXBUF (bit 15): frames may span several rx buffers.</param>
/// <param name="RxBuffers">Receive buffers posted before DRIVER_OK and re-posted after each frame.</param>
/// <param name="RxBufferSize">Bytes per receive buffer (header included).</param>
public sealed record VirtioNetDriverSettings(bool RscExt, bool MergeableBuffers, int RxBuffers, int RxBufferSize)
{
    /// <summary>Without MRG_RXBUF a buffer must hold header + the largest frame; 65562 (the spec's figure) is too small for a maximal IPv6 frame.</summary>
    public const int WholeFrameBufferSize = 65792;

    /// <summary>With MRG_RXBUF: one Ethernet MTU frame plus the 12-byte header.</summary>
    public const int MergeableBufferSize = 1526;

    public const int DefaultWholeFrameBuffers = 1024;
    public const int DefaultMergeableBuffers = 1024;

    public static VirtioNetDriverSettings Default { get; } = For(rscExt: true, mergeable: false);

    public static VirtioNetDriverSettings For(bool rscExt, bool mergeable, int? buffers = null, int? bufferSize = null) => new(
        rscExt,
        mergeable,
        buffers ?? (mergeable ? DefaultMergeableBuffers : DefaultWholeFrameBuffers),
        bufferSize ?? (mergeable ? MergeableBufferSize : WholeFrameBufferSize));
}
