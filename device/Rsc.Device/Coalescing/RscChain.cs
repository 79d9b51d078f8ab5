namespace Rsc.Device.Coalescing;

/// <summary>
/// The cached units of one protocol (IPv4 or IPv6) and the drain timer that bounds how long any of
/// them waits, as in the seed device's per-protocol chains.
/// </summary>
internal sealed class RscChain : IDisposable
{
    private readonly CoalescingUnit?[] _units;

    public RscChain(bool ipv6, int capacity, TimeProvider timeProvider, TimerCallback onDrain)
    {
        IsIpv6 = ipv6;
        _units = new CoalescingUnit?[capacity];
        DrainTimer = timeProvider.CreateTimer(onDrain, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public bool IsIpv6 { get; }
    public int Count { get; private set; }
    public ITimer DrainTimer { get; }

    /// <summary>True from arming until the timer fires or the chain is flushed.</summary>
    public bool TimerArmed { get; set; }

    public CoalescingUnit this[int slot] => _units[slot]!;

    public void Add(CoalescingUnit unit)
    {
        unit.Chain = this;
        unit.ChainSlot = Count;
        _units[Count++] = unit;
    }

    /// <summary>Removes one unit; order across flows is free, so the last unit fills the gap.</summary>
    public void Remove(CoalescingUnit unit)
    {
        int slot = unit.ChainSlot;
        var last = _units[--Count]!;
        _units[slot] = last;
        last.ChainSlot = slot;
        _units[Count] = null;
        unit.Chain = null;
    }

    /// <summary>Removes the first <paramref name="count"/> units, keeping the rest in order.</summary>
    public void RemoveFirst(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _units[i]!.Chain = null;
        }
        for (int i = count; i < Count; i++)
        {
            var unit = _units[i]!;
            unit.ChainSlot = i - count;
            _units[i - count] = unit;
        }
        Array.Clear(_units, Count - count, count);
        Count -= count;
    }

    public void Dispose() => DrainTimer.Dispose();
}
