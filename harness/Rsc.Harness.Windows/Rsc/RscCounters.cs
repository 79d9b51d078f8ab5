using Rsc.Harness.Core.Capture;

namespace Rsc.Harness.Windows.Rsc;

/// <summary>
/// MSFT_NetAdapterStatisticsSettingData.RscStatistics of one adapter: the NDIS RSC counters
/// (OID_TCP_RSC_STATISTICS) since the adapter started, adapter-wide.
/// </summary>
public sealed record RscCounters(ulong CoalescedPackets, ulong CoalescedBytes, ulong CoalescingEvents, ulong CoalescingExceptions)
{
    /// <summary>
    /// What happened between this reading and <paramref name="after"/>, in the oracle's terms
    /// (CoalescingExceptions are NDIS's Aborts). Throws <see cref="InvalidOperationException"/> when
    /// a counter went backwards (the adapter restarted in between).
    /// </summary>
    public DeviceStatistics DeltaTo(RscCounters after)
    {
        ArgumentNullException.ThrowIfNull(after);
        long Delta(string name, ulong before, ulong now) => now >= before
            ? checked((long)(now - before))
            : throw new InvalidOperationException($"{name} went from {before} to {now}: the adapter's counters restarted during the case");
        return new DeviceStatistics(
            Delta(nameof(CoalescedPackets), CoalescedPackets, after.CoalescedPackets),
            Delta(nameof(CoalescedBytes), CoalescedBytes, after.CoalescedBytes),
            Delta(nameof(CoalescingEvents), CoalescingEvents, after.CoalescingEvents),
            Delta(nameof(CoalescingExceptions), CoalescingExceptions, after.CoalescingExceptions),
            new Dictionary<string, long>
            {
                ["CoalescedPackets.before"] = checked((long)CoalescedPackets),
                ["CoalescedPackets.after"] = checked((long)after.CoalescedPackets),
                ["CoalescingExceptions.before"] = checked((long)CoalescingExceptions),
                ["CoalescingExceptions.after"] = checked((long)after.CoalescingExceptions),
            });
    }
}
