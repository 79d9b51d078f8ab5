using Rsc.Device;
using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Core.Capture;

namespace Rsc.Harness.Tests.Doubles;

/// <summary>
/// A timer-driven stand-in for the engine: holds every frame and, one drain interval after the
/// first one it holds, delivers all of them unmerged with a zero virtio header. Lets the adapter's
/// timing be tested before and apart from the real engine.
/// </summary>
internal sealed class HoldingEngine : IReferenceEngine
{
    private readonly TimeProvider _clock;
    private readonly IGuestSink _sink;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly List<byte[]> _held = [];

    public HoldingEngine(TimeProvider clock, IGuestSink sink, TimeSpan interval)
    {
        _clock = clock;
        _sink = sink;
        _interval = interval;
        _timer = clock.CreateTimer(_ => Drain(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>When false, frames are only delivered by the final flush.</summary>
    public bool Drains { get; init; } = true;

    /// <summary>When set, Receive throws on the frame with this ordinal.</summary>
    public int? ThrowOnFrame { get; init; }

    public List<long> TimerFiredAtTimestamps { get; } = [];

    public int Received { get; private set; }

    public bool Disposed { get; private set; }

    public void Receive(ReadOnlySpan<byte> ethernetFrame)
    {
        if (ThrowOnFrame == Received++)
        {
            throw new IndexOutOfRangeException("parser overran the frame");
        }
        if (_held.Count == 0 && Drains)
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
        _held.Add(ethernetFrame.ToArray());
    }

    public void Flush() => DeliverAll();

    public DeviceStatistics Statistics() => new(0, 0, 0, 0, new Dictionary<string, long> { ["received"] = Received });

    public void Dispose()
    {
        Disposed = true;
        _timer.Dispose();
    }

    private void Drain()
    {
        TimerFiredAtTimestamps.Add(_clock.GetTimestamp());
        DeliverAll();
    }

    private void DeliverAll()
    {
        foreach (var frame in _held)
        {
            var buffer = new byte[12 + frame.Length];
            frame.CopyTo(buffer, 12);
            _sink.Deliver(buffer);
        }
        _held.Clear();
    }
}
