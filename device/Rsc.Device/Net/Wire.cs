namespace Rsc.Device.Net;

/// <summary>Offsets and constants of the wire formats the engine reads.</summary>
internal static class Wire
{
    public const int EthernetHeaderLength = 14;
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeIpv6 = 0x86DD;
    public const int Ipv4MinimumHeaderLength = 20;
    public const int Ipv6HeaderLength = 40;
    public const int TcpMinimumHeaderLength = 20;
    public const byte ProtocolTcp = 6;

    /// <summary>The largest value an IP length field can describe.</summary>
    public const int MaxIpDatagram = 65535;

    public const byte TcpOptionEnd = 0;
    public const byte TcpOptionNop = 1;
    public const byte TcpOptionTimestamp = 8;
    public const int TcpTimestampOptionLength = 10;
}

/// <summary>TCP header flag bits (byte 13).</summary>
internal static class TcpFlagBits
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;
    public const byte Urg = 0x20;
    public const byte Ece = 0x40;
    public const byte Cwr = 0x80;

    /// <summary>Flags that always end coalescing (E).</summary>
    public const byte Control = Fin | Syn | Rst | Urg;

    public const byte EcnEcho = Ece | Cwr;
}
