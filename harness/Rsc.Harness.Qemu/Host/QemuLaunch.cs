using System.Globalization;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Qemu.Host;

/// <summary>Everything the QEMU command line is made of for one device.</summary>
public sealed record QemuLaunch(
    string Binary,
    string FirmwarePath,
    string TapName,
    string QtestSocketPath,
    long RscIntervalNs,
    bool GuestRscExt,
    bool MergeableBuffers,
    int RxQueueSize = QemuLaunch.DefaultRxQueueSize,
    string? ProcessName = null,
    int MemoryMiB = QemuLaunch.DefaultMemoryMiB)
{
    public const int DefaultMemoryMiB = 128;

    /// <summary>QEMU's largest rx queue: a timer flush of many flows needs one buffer per flow at once.</summary>
    public const int DefaultRxQueueSize = 1024;
    /// <summary>The NIC's address: the guest MAC every case's frames are sent to.</summary>
    public static readonly string GuestMac = FlowSpec.FormatMac(FlowSpec.DefaultGuestMac);

    /// <summary>
    /// The argument list (without the binary), as the recipe that worked on this machine has it. With
    /// <see cref="ProcessName"/> (a LiveNames name) QEMU also names its process so,
    /// e.g. in /proc/PID/comm, a left-over QEMU can be traced to the run that started it.
    /// </summary>
    public IReadOnlyList<string> Arguments()
    {
        var device = string.Create(CultureInfo.InvariantCulture,
            $"virtio-net-pci,netdev=n0,addr=0x4,mac={GuestMac},romfile=,guest_rsc_ext={OnOff(GuestRscExt)},rsc_interval={RscIntervalNs},mrg_rxbuf={OnOff(MergeableBuffers)},rx_queue_size={RxQueueSize}");
        var name = ProcessName is null ? Array.Empty<string>() : ["-name", $"{ProcessName},process={ProcessName}"];
        return
        [
            .. name,
            "-machine", "pc,accel=tcg",
            "-nodefaults",
            "-bios", FirmwarePath,
            "-no-reboot",
            "-display", "none",
            "-m", string.Create(CultureInfo.InvariantCulture, $"{MemoryMiB}M"),
            "-netdev", $"tap,id=n0,ifname={TapName},script=no,downscript=no,vnet_hdr=on",
            "-device", device,
            "-qtest", $"unix:{QtestSocketPath}",
            "-qtest-log", "/dev/null",
        ];
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}
