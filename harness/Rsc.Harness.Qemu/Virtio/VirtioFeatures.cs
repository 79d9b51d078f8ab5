using System.Globalization;

namespace Rsc.Harness.Qemu.Virtio;

/// <summary>virtio-net feature bits the guest driver knows by name (virtio 1.x, device-types/net).</summary>
public static class VirtioFeatures
{
    public const int Csum = 0;
    public const int GuestCsum = 1;
    public const int CtrlGuestOffloads = 2;
    public const int Mtu = 3;
    public const int Mac = 5;
    public const int GuestTso4 = 7;
    public const int GuestTso6 = 8;
    public const int GuestEcn = 9;
    public const int GuestUfo = 10;
    public const int HostTso4 = 11;
    public const int HostTso6 = 12;
    public const int HostEcn = 13;
    public const int HostUfo = 14;
    public const int MrgRxbuf = 15;
    public const int Status = 16;
    public const int CtrlVq = 17;
    public const int CtrlRx = 18;
    public const int CtrlVlan = 19;
    public const int CtrlRxExtra = 20;
    public const int GuestAnnounce = 21;
    public const int Mq = 22;
    public const int CtrlMacAddr = 23;
    public const int AnyLayout = 27;
    public const int IndirectDesc = 28;
    public const int EventIdx = 29;
    public const int Version1 = 32;
    public const int AccessPlatform = 33;
    public const int RingPacked = 34;
    public const int NotificationData = 38;
    public const int RingReset = 40;
    public const int GuestRsc4 = 41;
    public const int GuestRsc6 = 42;
    public const int HashReport = 57;
    public const int Rss = 60;
    public const int RscExt = 61;
    public const int Standby = 62;
    public const int SpeedDuplex = 63;

    private static readonly Dictionary<int, string> Names = new()
    {
        [Csum] = "CSUM",
        [GuestCsum] = "GUEST_CSUM",
        [CtrlGuestOffloads] = "CTRL_GUEST_OFFLOADS",
        [Mtu] = "MTU",
        [Mac] = "MAC",
        [GuestTso4] = "GUEST_TSO4",
        [GuestTso6] = "GUEST_TSO6",
        [GuestEcn] = "GUEST_ECN",
        [GuestUfo] = "GUEST_UFO",
        [HostTso4] = "HOST_TSO4",
        [HostTso6] = "HOST_TSO6",
        [HostEcn] = "HOST_ECN",
        [HostUfo] = "HOST_UFO",
        [MrgRxbuf] = "MRG_RXBUF",
        [Status] = "STATUS",
        [CtrlVq] = "CTRL_VQ",
        [CtrlRx] = "CTRL_RX",
        [CtrlVlan] = "CTRL_VLAN",
        [CtrlRxExtra] = "CTRL_RX_EXTRA",
        [GuestAnnounce] = "GUEST_ANNOUNCE",
        [Mq] = "MQ",
        [CtrlMacAddr] = "CTRL_MAC_ADDR",
        [AnyLayout] = "ANY_LAYOUT",
        [IndirectDesc] = "RING_INDIRECT_DESC",
        [EventIdx] = "RING_EVENT_IDX",
        [Version1] = "VERSION_1",
        [AccessPlatform] = "ACCESS_PLATFORM",
        [RingPacked] = "RING_PACKED",
        [NotificationData] = "NOTIFICATION_DATA",
        [RingReset] = "RING_RESET",
        [GuestRsc4] = "GUEST_RSC4",
        [GuestRsc6] = "GUEST_RSC6",
        [HashReport] = "HASH_REPORT",
        [Rss] = "RSS",
        [RscExt] = "RSC_EXT",
        [Standby] = "STANDBY",
        [SpeedDuplex] = "SPEED_DUPLEX",
    };

    public static ulong Bit(int bit) => 1UL << bit;

    public static bool Has(ulong features, int bit) => (features & Bit(bit)) != 0;

    /// <summary>The bits this harness asks for: VERSION_1, RSC_EXT (optional), GUEST_TSO4/6, GUEST_CSUM, CTRL_VQ, CTRL_GUEST_OFFLOADS, CTRL_RX, MAC, STATUS, MRG_RXBUF (optional).</summary>
    public static ulong Wanted(bool rscExt, bool mergeableBuffers)
    {
        ulong f = Bit(Version1) | Bit(GuestTso4) | Bit(GuestTso6) | Bit(GuestCsum) | Bit(CtrlVq)
            | Bit(CtrlGuestOffloads) | Bit(CtrlRx) | Bit(Mac) | Bit(Status);
        if (rscExt)
        {
            f |= Bit(RscExt);
        }
        if (mergeableBuffers)
        {
            f |= Bit(MrgRxbuf);
        }
        return f;
    }

    /// <summary>The name of one bit, or <c>BIT_n</c>.</summary>
    public static string Name(int bit) =>
        Names.TryGetValue(bit, out var name) ? name : string.Create(CultureInfo.InvariantCulture, $"BIT_{bit}");

    /// <summary>Set bits by name, lowest first, joined with '|'; "(none)" for zero.</summary>
    public static string Describe(ulong features)
    {
        if (features == 0)
        {
            return "(none)";
        }
        var parts = new List<string>();
        for (int bit = 0; bit < 64; bit++)
        {
            if (Has(features, bit))
            {
                parts.Add(Name(bit));
            }
        }
        return string.Join('|', parts);
    }

    /// <summary><c>0x...</c> followed by the names.</summary>
    public static string Format(ulong features) =>
        string.Create(CultureInfo.InvariantCulture, $"0x{features:x16} {Describe(features)}");
}
