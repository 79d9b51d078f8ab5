using Rsc.Device;
using Rsc.Harness.Core.Capture;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>The reference engine behind <see cref="IReferenceEngine"/>.</summary>
internal sealed class RscEngineHost(RscEngineOptions options, TimeProvider clock, IGuestSink sink) : IReferenceEngine
{
    private readonly RscEngine _engine = new(options, clock, sink);

    public void Receive(ReadOnlySpan<byte> ethernetFrame) => _engine.Receive(ethernetFrame);

    public void Flush() => _engine.Flush();

    public DeviceStatistics Statistics()
    {
        var s = _engine.Statistics;
        var detail = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in s.Snapshot())
        {
            detail[name] = value;
        }
        return new DeviceStatistics(s.CoalescedPackets, s.CoalescedOctets, s.CoalesceEvents, s.Aborts, detail);
    }

    public void Dispose() => _engine.Dispose();
}
