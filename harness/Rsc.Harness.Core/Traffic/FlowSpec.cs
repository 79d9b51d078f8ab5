using System.Net;
using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Core.Traffic;

/// <summary>One direction of a TCP connection as the harness sends it towards the guest.</summary>
public sealed record FlowSpec(
    string Name,
    IPAddress Source,
    IPAddress Destination,
    ushort SourcePort,
    ushort DestinationPort)
{
    /// <summary>Guest MAC used by every adapter (matches the QEMU recipe's NIC address).</summary>
    public static readonly byte[] DefaultGuestMac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
    public static readonly byte[] DefaultPeerMac = [0x52, 0x54, 0x00, 0xAB, 0xCD, 0xEF];

    /// <summary>"52:54:00:12:34:56", as ip(8) and QEMU spell a MAC.</summary>
    public static string FormatMac(ReadOnlySpan<byte> mac)
    {
        var text = new System.Text.StringBuilder(mac.Length * 3);
        foreach (byte b in mac)
        {
            text.Append(text.Length == 0 ? "" : ":").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public int IpVersion => Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 6 : 4;
    public byte[] DestinationMac { get; init; } = DefaultGuestMac;
    public byte[] SourceMac { get; init; } = DefaultPeerMac;

    public FlowKey Key => new(IpVersion, Source, Destination, SourcePort, DestinationPort);

    public static FlowSpec V4(string name = "f0", int index = 0) => new(
        name,
        new IPAddress([198, 51, 100, (byte)(1 + (index % 250))]),
        new IPAddress([192, 0, 2, 10]),
        (ushort)(40000 + index),
        5001);

    public static FlowSpec V6(string name = "f0", int index = 0)
    {
        byte[] src = [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, (byte)(index >> 8), (byte)(1 + (index & 0xFF))];
        byte[] dst = [0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
        return new FlowSpec(name, new IPAddress(src), new IPAddress(dst), (ushort)(40000 + index), 5001);
    }

    public override string ToString() => $"{Name} {Key}";
}
