namespace Rsc.Device;

/// <summary>NDIS RSC counters plus one counter per bypass / finalize reason (contract only).</summary>
public sealed class RscStatistics
{
    public long CoalescedPackets { get; internal set; }
    public long CoalescedOctets { get; internal set; }
    public long CoalesceEvents { get; internal set; }
    public long Aborts { get; internal set; }

    /// <summary>Every counter by name (NDIS ones and per-reason ones), for results and diagnosis.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>();
}
