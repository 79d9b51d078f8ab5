using Rsc.Harness.Qemu.Qtest;

namespace Rsc.Harness.Qemu.Virtio;

/// <summary>
/// A split virtqueue the harness drives as the guest: it writes descriptors, publishes descriptor
/// chains in the available ring, notifies the device, and reads what the device put in the used ring.
/// </summary>
internal sealed class SplitVirtqueue
{
    private readonly QtestClient _qtest;
    private ushort _availableIndex;
    private ushort _usedSeen;

    public SplitVirtqueue(QtestClient qtest, ushort index, SplitVirtqueueLayout layout, ulong notifyAddress)
    {
        _qtest = qtest;
        Index = index;
        Layout = layout;
        NotifyAddress = notifyAddress;
    }

    public ushort Index { get; }

    public SplitVirtqueueLayout Layout { get; }

    public ulong NotifyAddress { get; }

    /// <summary>Chains published so far (the driver's avail->idx).</summary>
    public ushort AvailableIndex => _availableIndex;

    /// <summary>Used elements consumed so far.</summary>
    public ushort UsedSeen => _usedSeen;

    /// <summary>Writes a block of consecutive descriptors starting at <paramref name="first"/> in one transfer.</summary>
    public void WriteDescriptors(int first, IReadOnlyList<VirtqDescriptor> descriptors)
    {
        var bytes = new byte[SplitVirtqueueLayout.DescriptorSize * descriptors.Count];
        for (int i = 0; i < descriptors.Count; i++)
        {
            descriptors[i].Write(bytes.AsSpan(SplitVirtqueueLayout.DescriptorSize * i));
        }
        _qtest.WriteBytes(Layout.DescriptorAddress(first), bytes);
    }

    /// <summary>Zeroes both rings (the device expects idx 0 and flags 0 before the queue is enabled).</summary>
    public void ClearRings()
    {
        _qtest.Fill(Layout.AvailableRing, SplitVirtqueueLayout.AvailableRingBytes(Layout.Size), 0);
        _qtest.Fill(Layout.UsedRing, SplitVirtqueueLayout.UsedRingBytes(Layout.Size), 0);
    }

    /// <summary>Puts chain heads into the available ring and publishes them with one idx write (no notification).</summary>
    public void Publish(IReadOnlyList<ushort> heads)
    {
        if (heads.Count == 0)
        {
            return;
        }
        // Consecutive ring slots go in one transfer unless the ring wraps.
        int i = 0;
        while (i < heads.Count)
        {
            ushort slot = (ushort)((_availableIndex + i) % Layout.Size);
            int run = Math.Min(heads.Count - i, Layout.Size - slot);
            var bytes = new byte[2 * run];
            for (int k = 0; k < run; k++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * k), heads[i + k]);
            }
            _qtest.WriteBytes(Layout.AvailableEntryAddress(slot), bytes);
            i += run;
        }
        _availableIndex = unchecked((ushort)(_availableIndex + heads.Count));
        _qtest.Writew(Layout.AvailableIndexAddress, _availableIndex);
    }

    /// <summary>Tells the device the queue has new buffers.</summary>
    public void Notify() => _qtest.Writew(NotifyAddress, Index);

    /// <summary>The device's used->idx.</summary>
    public ushort ReadUsedIndex() => _qtest.Readw(Layout.UsedIndexAddress);

    /// <summary>Elements the device has used that the driver has not consumed yet.</summary>
    public int Pending(ushort usedIndex) => unchecked((ushort)(usedIndex - _usedSeen));

    /// <summary>Reads the next used element (chain head id, bytes written) and consumes it.</summary>
    public (uint Id, uint Length) TakeUsed()
    {
        ulong element = _qtest.Readq(Layout.UsedElementAddress(_usedSeen));
        _usedSeen = unchecked((ushort)(_usedSeen + 1));
        return ((uint)element, (uint)(element >> 32));
    }
}
