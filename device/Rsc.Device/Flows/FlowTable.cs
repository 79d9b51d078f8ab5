using Rsc.Device.Coalescing;

namespace Rsc.Device.Flows;

/// <summary>
/// Open-addressing map from flow to its cached unit, sized once for the cap on cached units
/// (load factor at most 1/2) so lookups never allocate and never resize.
/// </summary>
internal sealed class FlowTable
{
    private readonly FlowKey[] _keys;
    private readonly CoalescingUnit?[] _units;
    private readonly int[] _hashes;
    private readonly int _mask;
    private readonly ulong _seed;

    public FlowTable(int maxEntries, ulong seed)
    {
        int capacity = 8;
        while (capacity < maxEntries * 2)
        {
            capacity <<= 1;
        }
        _keys = new FlowKey[capacity];
        _units = new CoalescingUnit?[capacity];
        _hashes = new int[capacity];
        _mask = capacity - 1;
        _seed = seed;
    }

    public int Count { get; private set; }

    public CoalescingUnit? Find(in FlowKey key)
    {
        int hash = key.Hash(_seed);
        for (int i = hash & _mask; ; i = (i + 1) & _mask)
        {
            var unit = _units[i];
            if (unit is null)
            {
                return null;
            }
            if (_hashes[i] == hash && _keys[i].Equals(key))
            {
                return unit;
            }
        }
    }

    /// <summary>Adds a flow that is not in the table; the caller keeps Count within the cap.</summary>
    public void Add(in FlowKey key, CoalescingUnit unit)
    {
        int hash = key.Hash(_seed);
        int i = hash & _mask;
        while (_units[i] is not null)
        {
            i = (i + 1) & _mask;
        }
        _keys[i] = key;
        _hashes[i] = hash;
        _units[i] = unit;
        Count++;
    }

    public void Remove(in FlowKey key)
    {
        int hash = key.Hash(_seed);
        int hole = hash & _mask;
        while (true)
        {
            if (_units[hole] is null)
            {
                return;
            }
            if (_hashes[hole] == hash && _keys[hole].Equals(key))
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
            if (_units[next] is null)
            {
                break;
            }
            int home = _hashes[next] & _mask;
            bool homeIsCyclicallyAfterHole = hole <= next
                ? home > hole && home <= next
                : home > hole || home <= next;
            if (homeIsCyclicallyAfterHole)
            {
                continue;
            }
            _keys[hole] = _keys[next];
            _hashes[hole] = _hashes[next];
            _units[hole] = _units[next];
            hole = next;
        }
        _keys[hole] = default;
        _units[hole] = null;
        Count--;
    }
}
