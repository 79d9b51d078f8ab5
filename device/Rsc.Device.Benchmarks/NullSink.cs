namespace Rsc.Device.Benchmarks;

/// <summary>A guest that takes every delivery and does nothing with it.</summary>
internal sealed class NullSink : IGuestSink
{
    public long Deliveries { get; private set; }

    public void Deliver(ReadOnlySpan<byte> headerAndFrame) => Deliveries++;
}
