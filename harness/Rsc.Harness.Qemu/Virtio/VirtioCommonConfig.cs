using Rsc.Harness.Qemu.Qtest;

namespace Rsc.Harness.Qemu.Virtio;

/// <summary>The modern virtio-pci common configuration structure (virtio 1.x, 4.1.4.3), read and written through qtest.</summary>
internal sealed class VirtioCommonConfig
{
    public const int DeviceFeatureSelect = 0;
    public const int DeviceFeature = 4;
    public const int DriverFeatureSelect = 8;
    public const int DriverFeature = 12;
    public const int MsixConfig = 16;
    public const int NumQueues = 18;
    public const int DeviceStatus = 20;
    public const int ConfigGeneration = 21;
    public const int QueueSelect = 22;
    public const int QueueSize = 24;
    public const int QueueMsixVector = 26;
    public const int QueueEnable = 28;
    public const int QueueNotifyOff = 30;
    public const int QueueDesc = 32;
    public const int QueueDriver = 40;
    public const int QueueDevice = 48;

    public const ushort NoVector = 0xFFFF;

    public const byte StatusAcknowledge = 1;
    public const byte StatusDriver = 2;
    public const byte StatusDriverOk = 4;
    public const byte StatusFeaturesOk = 8;
    public const byte StatusNeedsReset = 64;
    public const byte StatusFailed = 128;

    private readonly QtestClient _qtest;
    private readonly ulong _base;

    public VirtioCommonConfig(QtestClient qtest, ulong baseAddress)
    {
        _qtest = qtest;
        _base = baseAddress;
    }

    public byte Status
    {
        get => _qtest.Readb(_base + DeviceStatus);
        set => _qtest.Writeb(_base + DeviceStatus, value);
    }

    public ulong ReadDeviceFeatures()
    {
        _qtest.Writel(_base + DeviceFeatureSelect, 0);
        ulong low = _qtest.Readl(_base + DeviceFeature);
        _qtest.Writel(_base + DeviceFeatureSelect, 1);
        ulong high = _qtest.Readl(_base + DeviceFeature);
        return low | (high << 32);
    }

    public void WriteDriverFeatures(ulong features)
    {
        _qtest.Writel(_base + DriverFeatureSelect, 0);
        _qtest.Writel(_base + DriverFeature, (uint)features);
        _qtest.Writel(_base + DriverFeatureSelect, 1);
        _qtest.Writel(_base + DriverFeature, (uint)(features >> 32));
    }

    public void SetConfigVector(ushort vector) => _qtest.Writew(_base + MsixConfig, vector);

    public ushort QueueCount => _qtest.Readw(_base + NumQueues);

    public void SelectQueue(ushort index) => _qtest.Writew(_base + QueueSelect, index);

    /// <summary>The selected queue's size (the device's maximum until the driver writes a smaller one).</summary>
    public ushort SelectedQueueSize
    {
        get => _qtest.Readw(_base + QueueSize);
        set => _qtest.Writew(_base + QueueSize, value);
    }

    public ushort SelectedQueueNotifyOffset => _qtest.Readw(_base + QueueNotifyOff);

    /// <summary>Writes the selected queue's ring addresses and vector, then enables it; returns the vector the device accepted.</summary>
    public ushort ConfigureSelectedQueue(SplitVirtqueueLayout layout, ushort vector)
    {
        _qtest.Writew(_base + QueueSize, layout.Size);
        _qtest.Writeq(_base + QueueDesc, layout.DescriptorTable);
        _qtest.Writeq(_base + QueueDriver, layout.AvailableRing);
        _qtest.Writeq(_base + QueueDevice, layout.UsedRing);
        _qtest.Writew(_base + QueueMsixVector, vector);
        ushort accepted = _qtest.Readw(_base + QueueMsixVector);
        _qtest.Writew(_base + QueueEnable, 1);
        return accepted;
    }
}
