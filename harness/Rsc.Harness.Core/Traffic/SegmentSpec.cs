using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Core.Traffic;

/// <summary>Deliberate checksum damage, so cases can prove a device never merges or validates it.</summary>
[Flags]
public enum ChecksumDamage
{
    None = 0,
    Ip = 1,
    Tcp = 2,
}

/// <summary>
/// One TCP segment as a case describes it: every header field a conformance case varies.
/// <see cref="FrameBuilder"/> turns it into Ethernet bytes with correct checksums unless told otherwise.
/// </summary>
public sealed record SegmentSpec
{
    public required FlowSpec Flow { get; init; }
    public uint Seq { get; init; }
    public uint Ack { get; init; }
    public ushort Window { get; init; } = 65535;
    public TcpFlags Flags { get; init; } = TcpFlags.Ack;
    public ushort UrgentPointer { get; init; }
    public ReadOnlyMemory<byte> Payload { get; init; }
    public IReadOnlyList<TcpOption> Options { get; init; } = [];

    public ushort IpId { get; init; }
    public byte Ttl { get; init; } = 64;
    public byte Dscp { get; init; }
    public byte Ecn { get; init; }
    public bool DontFragment { get; init; } = true;
    public bool MoreFragments { get; init; }
    /// <summary>IPv4 fragment offset in 8-byte units.</summary>
    public ushort FragmentOffset { get; init; }
    /// <summary>Raw IPv4 option bytes (padded to a multiple of 4 by the builder with EOL).</summary>
    public byte[] Ipv4Options { get; init; } = [];
    public IReadOnlyList<Ipv6ExtensionHeader> ExtensionHeaders { get; init; } = [];
    /// <summary>IPv6 flow label (20 bits); the traffic class is <see cref="Dscp"/> and <see cref="Ecn"/>.</summary>
    public uint FlowLabel { get; init; }
    public ChecksumDamage ChecksumDamage { get; init; }

    public int PayloadLength => Payload.Length;
    public uint NextSeq => unchecked(Seq + (uint)Payload.Length + ((Flags & (TcpFlags.Syn | TcpFlags.Fin)) != 0 ? 1u : 0u));
    public bool IsPureAck => Payload.Length == 0 && (Flags & ~(TcpFlags.Ack | TcpFlags.Psh)) == 0;
}
