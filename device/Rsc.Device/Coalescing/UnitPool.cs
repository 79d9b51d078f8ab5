using System.Diagnostics.CodeAnalysis;

namespace Rsc.Device.Coalescing;

/// <summary>
/// Recycles units and their buffers. At most <c>capacity</c> units ever exist; when all are in use
/// the caller faces a resource shortage instead of growth.
/// </summary>
internal sealed class UnitPool
{
    /// <summary>Enough for one full-sized Ethernet frame behind the virtio header; buffers grow on demand.</summary>
    private const int InitialBufferBytes = 2048;

    private readonly CoalescingUnit[] _free;
    private readonly int _capacity;
    private readonly RscFault _faults;
    private int _freeCount;
    private int _created;

    public UnitPool(int capacity, RscFault faults = RscFault.None)
    {
        _capacity = capacity;
        _faults = faults;
        _free = new CoalescingUnit[capacity];
    }

    public int InUse => _created - _freeCount;

    public bool TryRent([NotNullWhen(true)] out CoalescingUnit? unit)
    {
        if (_freeCount > 0)
        {
            unit = _free[--_freeCount];
            _free[_freeCount] = null!;
            return true;
        }
        if (_created < _capacity)
        {
            _created++;
            unit = new CoalescingUnit(InitialBufferBytes, _faults);
            return true;
        }
        unit = null;
        return false;
    }

    public void Return(CoalescingUnit unit) => _free[_freeCount++] = unit;
}
