namespace Rsc.Harness.Core.Net;

public static class EtherTypes
{
    public const ushort IPv4 = 0x0800;
    public const ushort IPv6 = 0x86DD;
    public const ushort Vlan = 0x8100;
    public const int EthernetHeaderLength = 14;
}
