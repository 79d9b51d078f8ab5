namespace Rsc.Harness.Core.Traffic;

/// <summary>An IPv6 extension header placed between the fixed header and TCP.</summary>
public sealed record Ipv6ExtensionHeader(Ipv6ExtensionKind Kind)
{
    /// <summary>8 bytes each: the smallest well-formed header of every kind (PadN options, type-0 routing, atomic fragment).</summary>
    public int Length => 8;

    public byte NextHeaderValue => (byte)Kind;

    public void Write(Span<byte> destination, byte nextHeader)
    {
        destination[..8].Clear();
        destination[0] = nextHeader;
        destination[1] = 0; // (Hdr Ext Len + 1) * 8 = 8 bytes; fragment header has a reserved byte here
        switch (Kind)
        {
            case Ipv6ExtensionKind.HopByHop:
            case Ipv6ExtensionKind.DestinationOptions:
                destination[2] = 1; // PadN
                destination[3] = 4;
                break;
            case Ipv6ExtensionKind.Routing:
                destination[2] = 4; // routing type (unknown types with segments-left 0 are ignored by receivers)
                destination[3] = 0;
                break;
            case Ipv6ExtensionKind.Fragment:
                destination[7] = 1; // identification low byte; offset 0, M = 0: an atomic fragment
                break;
        }
    }
}

public enum Ipv6ExtensionKind : byte
{
    HopByHop = 0,
    Routing = 43,
    Fragment = 44,
    DestinationOptions = 60,
}
