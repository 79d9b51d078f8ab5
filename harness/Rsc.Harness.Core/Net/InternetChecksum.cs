namespace Rsc.Harness.Core.Net;

/// <summary>
/// RFC 1071 ones'-complement checksum, written for the harness side only (traffic building and
/// judging). The device has its own; the two are deliberately independent.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit ones'-complement sum.</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }
        if (i < data.Length)
        {
            sum += (uint)(data[i] << 8);
        }
        return sum;
    }

    public static ushort Fold(uint sum)
    {
        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Fold(Add(0, data));

    /// <summary>TCP checksum over the IPv4 or IPv6 pseudo-header plus the TCP segment.</summary>
    public static ushort Tcp(ReadOnlySpan<byte> sourceAddress, ReadOnlySpan<byte> destinationAddress, ReadOnlySpan<byte> tcpSegment)
    {
        uint sum = Add(0, sourceAddress);
        sum = Add(sum, destinationAddress);
        sum += 6; // protocol
        if (sourceAddress.Length == 16)
        {
            sum += (uint)(tcpSegment.Length >> 16);
        }
        sum += (uint)(tcpSegment.Length & 0xFFFF);
        sum = Add(sum, tcpSegment);
        return Fold(sum);
    }
}
