using BenchmarkDotNet.Attributes;

namespace Rsc.Device.Benchmarks;

/// <summary>
/// Throughput of <see cref="RscEngine.Receive"/> for 1448-byte in-order segments. One operation is
/// one segment: each invocation feeds a prebuilt batch and ends with a Flush, so every invocation
/// starts from an empty engine and sequence numbers stay honest across invocations.
/// </summary>
[MemoryDiagnoser]
public class ReceiveBenchmarks
{
    /// <summary>45 segments of 1448 bytes is the most one 65535-byte unit holds; ten full units per batch.</summary>
    private const int SegmentsPerFlowOneFlow = 45 * 10;
    private const int SegmentsPerFlowManyFlows = 16;
    private const int ManyFlows = 1024;

    private byte[][] _oneFlow = [];
    private readonly byte[] _floorBuffer = new byte[70_000];
    private byte[][] _manyFlows = [];
    private RscEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _oneFlow = SegmentFrames.Interleaved(1, SegmentsPerFlowOneFlow);
        _manyFlows = SegmentFrames.Interleaved(ManyFlows, SegmentsPerFlowManyFlows);
        _engine = new RscEngine(new RscEngineOptions { MaxCachedFlows = ManyFlows }, new StoppedClock(), new NullSink());
        VerifyEverySegmentCoalesces();
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

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

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
