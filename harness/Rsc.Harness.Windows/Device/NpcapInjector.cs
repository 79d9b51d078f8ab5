using System.Runtime.Versioning;
using SharpPcap;
using SharpPcap.LibPcap;
using Rsc.Harness.Core.Devices;

namespace Rsc.Harness.Windows.Device;

/// <summary>
/// Sends frames with SharpPcap through Npcap from an adapter other than the one judged (Npcap bound
/// to the judged adapter would switch its RSC off). Windows only.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class NpcapInjector : IFrameInjector
{
    private readonly LibPcapLiveDevice _device;

    private NpcapInjector(LibPcapLiveDevice device, string description)
    {
        _device = device;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Opens the adapter whose friendly name (Get-NetAdapter's Name) or description is <paramref name="adapter"/>.</summary>
    public static NpcapInjector Open(string adapter)
    {
        LibPcapLiveDeviceList devices;
        try
        {
            devices = LibPcapLiveDeviceList.Instance;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or PcapException)
        {
            throw new DeviceFailureException($"windows: cannot list adapters through Npcap ({e.Message}); install Npcap to send the cases' frames");
        }
        var device = devices.FirstOrDefault(d => string.Equals(d.Interface?.FriendlyName, adapter, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.Description, adapter, StringComparison.OrdinalIgnoreCase))
            ?? throw new DeviceFailureException($"windows: Npcap sees no adapter named '{adapter}' to send from");
        try
        {
            device.Open(new SharpPcap.DeviceConfiguration { Mode = DeviceModes.None, Immediate = true });
        }
        catch (PcapException e)
        {
            throw new DeviceFailureException($"windows: cannot open '{adapter}' through Npcap: {e.Message}", e);
        }
        return new NpcapInjector(device, $"Npcap on '{adapter}' ({device.Name})");
    }

    public void Send(ReadOnlySpan<byte> frame) => _device.SendPacket(frame);

    public void Dispose() => _device.Close();
}
