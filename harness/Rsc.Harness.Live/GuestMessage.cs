using System.Text;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Harness.Live;

/// <summary>
/// One message of the guest socket: the 12-byte little-endian virtio_net_hdr_v1 and the Ethernet
/// frame behind it. Anything else is the device speaking garbage, reported with the bytes.
/// </summary>
public static class GuestMessage
{
    public const int HeaderLength = VirtioNetHeader.Size;
    public const int MinFrameLength = 14;

    /// <summary>The largest legal message: header + Ethernet + VLAN tag + IPv6 header + 65535 bytes.</summary>
    public const int MaxLength = HeaderLength + 18 + 40 + 65535;

    private const byte KnownFlags = 0x07;

    /// <summary>Splits a message; throws <see cref="DeviceFailureException"/> quoting the bytes when it is malformed.</summary>
    public static (VirtioNetHeader Header, byte[] Frame) Parse(ReadOnlySpan<byte> message, int index)
    {
        if (message.Length < HeaderLength + MinFrameLength)
        {
            throw Garbage(message, index, $"{message.Length} bytes, shorter than the 12-byte header plus a 14-byte Ethernet header");
        }
        if (message.Length > MaxLength)
        {
            throw Garbage(message, index, $"{message.Length} bytes, longer than any frame a device may deliver ({MaxLength})");
        }
        var header = VirtioNetHeader.Read(message[..HeaderLength]);
        if (((byte)header.Flags & ~KnownFlags) != 0)
        {
            throw Garbage(message, index, $"virtio header flags 0x{(byte)header.Flags:x2} has bits no device may set");
        }
        int gsoType = (byte)header.GsoType & 0x7f;
        if (gsoType is not (0 or 1 or 3 or 4))
        {
            throw Garbage(message, index, $"virtio header gso_type 0x{(byte)header.GsoType:x2} is not NONE, TCPV4, UDP or TCPV6");
        }
        return (header, message[HeaderLength..].ToArray());
    }

    public static DeviceFailureException Garbage(ReadOnlySpan<byte> message, int index, string why) =>
        new($"garbage on the guest socket (message {index}): {why}; bytes: {Quote(message, 48)}");

    /// <summary>The first <paramref name="max"/> bytes as hex, with the total when cut.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes, int max)
    {
        var text = new StringBuilder();
        int n = Math.Min(bytes.Length, max);
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }
            text.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (bytes.Length > max)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $" ... ({bytes.Length} bytes)");
        }
        return bytes.Length == 0 ? "(none)" : text.ToString();
    }
}
