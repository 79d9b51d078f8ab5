using BenchmarkDotNet.Attributes;

namespace Rsc.Device.Benchmarks;

/// <summary>
/// Throughput of <see cref="RscEngine.Receive"/> for 1448-byte in-order segments. One operation is
/// one segment: each invocation feeds a prebuilt batch and ends with every unit delivered (by a Flush,
/// or by the drain timer), so every invocation starts from an empty engine and sequence numbers stay
/// honest across invocations.
/// </summary>
[MemoryDiagnoser]
public class ReceiveBenchmarks
{
    /// <summary>45 segments of 1448 bytes is the most one 65535-byte unit holds; ten full units per batch.</summary>
    private const int SegmentsPerFlowOneFlow = 45 * 10;
    private const int SegmentsPerFlowManyFlows = 16;
    private const int ManyFlows = 1024;

    /// <summary>The HLK-like pacing: a 300 us interval over segments 100 us apart drains every third segment.</summary>
    private const int SegmentsPerDrainOneFlow = 3;

    /// <summary>Each drain of the 1,024-flow batch takes a unit of this many segments from every flow.</summary>
    private const int SegmentsPerFlowPerDrain = 4;

    private byte[][] _oneFlow = [];
    private readonly byte[] _floorBuffer = new byte[70_000];
    private byte[][] _manyFlows = [];
    private RscEngine _engine = null!;
    private DrainClock _drainClock = null!;
    private RscEngine _drainedEngine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _oneFlow = SegmentFrames.Interleaved(1, SegmentsPerFlowOneFlow);
        _manyFlows = SegmentFrames.Interleaved(ManyFlows, SegmentsPerFlowManyFlows);
        _engine = new RscEngine(new RscEngineOptions { MaxCachedFlows = ManyFlows }, new StoppedClock(), new NullSink());
        VerifyEverySegmentCoalesces();
        _drainClock = new DrainClock();
        _drainedEngine = new RscEngine(new RscEngineOptions { MaxCachedFlows = ManyFlows }, _drainClock, new NullSink());
        VerifyEveryUnitIsDrainedByTheTimer();
    }

    /// <summary>Guards the measurement: the frames must really take the coalescing path.</summary>
    private void VerifyEverySegmentCoalesces()
    {
        Feed(_oneFlow);
        Feed(_manyFlows);
        var stats = _engine.Statistics;
        long expected = _oneFlow.Length + _manyFlows.Length;
        if (stats.CoalescedPackets != expected || stats.Aborts != 0)
        {
            throw new InvalidOperationException($"benchmark frames did not coalesce: {stats.CoalescedPackets} of {expected} segments, {stats.Aborts} aborts");
        }
    }

    /// <summary>Guards the drain benchmarks: every segment coalesces and every unit leaves by the timer, none by size or Flush.</summary>
    private void VerifyEveryUnitIsDrainedByTheTimer()
    {
        FeedDrained(_oneFlow, SegmentsPerDrainOneFlow);
        FeedDrained(_manyFlows, ManyFlows * SegmentsPerFlowPerDrain);
        var stats = _drainedEngine.Statistics;
        long segments = _oneFlow.Length + _manyFlows.Length;
        long units = (_oneFlow.Length / SegmentsPerDrainOneFlow) + (_manyFlows.Length / SegmentsPerFlowPerDrain);
        if (stats.CoalescedPackets != segments || stats.Aborts != 0 || stats[RscCounter.FinalTimer] != units
            || stats[RscCounter.Delivered] != units || _drainedEngine.CachedUnits != 0)
        {
            throw new InvalidOperationException(
                $"benchmark frames were not drained by the timer: {stats[RscCounter.FinalTimer]} timer deliveries of {units} units, "
                + $"{stats[RscCounter.Delivered]} deliveries, {stats.CoalescedPackets} of {segments} segments coalesced, {stats.Aborts} aborts");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _drainedEngine.Dispose();
    }

    [Benchmark(OperationsPerInvoke = SegmentsPerFlowOneFlow, Description = "1 flow, 1448 B in order")]
    public void OneFlow() => Feed(_oneFlow);

    /// <summary>
    /// The work no engine can avoid per segment: verify the TCP checksum over the payload and copy
    /// the payload once. Same frames as <see cref="OneFlow"/>, for scale on a busy machine.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SegmentsPerFlowOneFlow, Description = "floor: checksum + copy only")]
    public uint ChecksumAndCopyFloor()
    {
        uint sum = 0;
        int offset = 0;
        foreach (var frame in _oneFlow)
        {
            var payload = frame.AsSpan(54);
            sum = Net.InternetChecksum.Combine(sum, Net.InternetChecksum.Sum(payload));
            payload.CopyTo(_floorBuffer.AsSpan(offset));
            offset = offset + payload.Length > 64_000 ? 0 : offset + payload.Length;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = ManyFlows * SegmentsPerFlowManyFlows, Description = "1,024 interleaved flows, 1448 B in order")]
    public void ManyInterleavedFlows() => Feed(_manyFlows);

    /// <summary>Units of three segments, each delivered by the drain timer: the flush path once per unit.</summary>
    [Benchmark(OperationsPerInvoke = SegmentsPerFlowOneFlow, Description = "1 flow, 1448 B, drained by the timer every 3 segments")]
    public void OneFlowDrainedByTimer() => FeedDrained(_oneFlow, SegmentsPerDrainOneFlow);

    /// <summary>Every drain delivers 1,024 units of four segments and returns them to the pool.</summary>
    [Benchmark(OperationsPerInvoke = ManyFlows * SegmentsPerFlowManyFlows, Description = "1,024 interleaved flows, drained by the timer every 4 segments a flow")]
    public void ManyFlowsDrainedByTimer() => FeedDrained(_manyFlows, ManyFlows * SegmentsPerFlowPerDrain);

    /// <summary>Feeds <paramref name="segmentsPerDrain"/> frames at a time, then lets the drain timer fire.</summary>
    private void FeedDrained(byte[][] frames, int segmentsPerDrain)
    {
        var engine = _drainedEngine;
        for (int i = 0; i < frames.Length; i++)
        {
            engine.Receive(frames[i]);
            if ((i + 1) % segmentsPerDrain == 0)
            {
                _drainClock.FireDue();
            }
        }
    }

    private void Feed(byte[][] frames)
    {
        var engine = _engine;
        foreach (var frame in frames)
        {
            engine.Receive(frame);
        }
        engine.Flush();
    }
}
