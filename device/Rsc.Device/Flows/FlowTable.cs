using Rsc.Device.Coalescing;

namespace Rsc.Device.Flows;

/// <summary>
/// Open-addressing map from flow to its cached unit, sized once for the cap on cached units
/// (load factor at most 1/2) so lookups never allocate and never resize.
/// </summary>
internal sealed class FlowTable
{
    /// <summary>Key, hash and unit side by side, so a probe touches one cache line, not three arrays.</summary>
    private struct Entry
    {
        public FlowKey Key;
        public int Hash;
        public CoalescingUnit? Unit;
    }

    private readonly Entry[] _entries;
    private readonly int _mask;
    private readonly ulong _seed;

    public FlowTable(int maxEntries, ulong seed)
    {
        int capacity = 8;
        while (capacity < maxEntries * 2)
        {
            capacity <<= 1;
        }
        _entries = new Entry[capacity];
        _mask = capacity - 1;
        _seed = seed;
    }

    public int Count { get; private set; }

    public CoalescingUnit? Find(in FlowKey key)
    {
        var entries = _entries;
        int hash = key.Hash(_seed);
        for (int i = hash & _mask; ; i = (i + 1) & _mask)
        {
            ref var entry = ref entries[i];
            if (entry.Unit is null)
            {
                return null;
            }
            if (entry.Hash == hash && entry.Key.Equals(key))
            {
                return entry.Unit;
            }
        }
    }

    /// <summary>Adds a flow that is not in the table; the caller keeps Count within the cap.</summary>
    public void Add(in FlowKey key, CoalescingUnit unit)
    {
        var entries = _entries;
        int hash = key.Hash(_seed);
        int i = hash & _mask;
        while (entries[i].Unit is not null)
        {
            i = (i + 1) & _mask;
        }
        entries[i] = new Entry { Key = key, Hash = hash, Unit = unit };
        Count++;
    }

    public void Remove(in FlowKey key)
    {
        var entries = _entries;
        int hash = key.Hash(_seed);
        int hole = hash & _mask;
        while (true)
        {
            if (entries[hole].Unit is null)
            {
                return;
            }
            if (entries[hole].Hash == hash && entries[hole].Key.Equals(key))
            {
                break;
            }
            hole = (hole + 1) & _mask;
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int next = hole;
        while (true)
        {
            next = (next + 1) & _mask;
            if (entries[next].Unit is null)
            {
                break;
            }
            int home = entries[next].Hash & _mask;
            bool homeIsCyclicallyAfterHole = hole <= next
                ? home > hole && home <= next
                : home > hole || home <= next;
            if (homeIsCyclicallyAfterHole)
            {
                continue;
            }
            entries[hole] = entries[next];
            hole = next;
        }
        entries[hole] = default;
        Count--;
    }
}
