namespace Rsc.Device;

/// <summary>
/// NDIS RSC counters (OID_TCP_RSC_STATISTICS) plus one counter per bypass / finalize reason.
/// The engine updates them under its lock; <see cref="Snapshot"/> reads them under the same lock.
/// </summary>
public sealed class RscStatistics
{
    public const string CoalescedPacketsName = "CoalescedPkts";
    public const string CoalescedOctetsName = "CoalescedOctets";
    public const string CoalesceEventsName = "CoalesceEvents";
    public const string AbortsName = "Aborts";

    private readonly long[] _counters = new long[RscCounters.Count];
    private readonly Lock _gate;

    public RscStatistics()
        : this(new Lock())
    {
    }

    internal RscStatistics(Lock gate) => _gate = gate;

    /// <summary>Data segments delivered inside coalesced units.</summary>
    public long CoalescedPackets { get; internal set; }

    /// <summary>TCP payload bytes of those segments.</summary>
    public long CoalescedOctets { get; internal set; }

    /// <summary>Coalesced units delivered (units of more than one segment).</summary>
    public long CoalesceEvents { get; internal set; }

    /// <summary>Exceptions other than the size limit (and the timer).</summary>
    public long Aborts { get; internal set; }

    /// <summary>One per-reason counter.</summary>
    public long this[RscCounter counter] => Volatile.Read(ref _counters[(int)counter]);

    /// <summary>Every counter by name (NDIS ones and per-reason ones), for results and diagnosis.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        lock (_gate)
        {
            var all = new Dictionary<string, long>(RscCounters.Count + 4, StringComparer.Ordinal)
            {
                [CoalescedPacketsName] = CoalescedPackets,
                [CoalescedOctetsName] = CoalescedOctets,
                [CoalesceEventsName] = CoalesceEvents,
                [AbortsName] = Aborts,
            };
            foreach (var counter in RscCounters.All)
            {
                all[RscCounters.Name(counter)] = _counters[(int)counter];
            }
            return all;
        }
    }

    internal void Count(RscCounter counter) => _counters[(int)counter]++;

    internal void CountCoalescedUnit(int dataSegments, long payloadBytes)
    {
        CoalescedPackets += dataSegments;
        CoalescedOctets += payloadBytes;
        CoalesceEvents++;
    }

    internal void CountAbort() => Aborts++;
}
