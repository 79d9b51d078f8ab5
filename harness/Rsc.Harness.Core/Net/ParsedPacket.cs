using System.Buffers.Binary;
using System.Net;

namespace Rsc.Harness.Core.Net;

/// <summary>Why a frame is not a plain, coalescible TCP segment (the harness's own reading).</summary>
public enum PacketShape
{
    /// <summary>An Ethernet + IPv4/IPv6 + TCP frame whose headers are consistent.</summary>
    Tcp,
    /// <summary>Shorter than an Ethernet header, or an EtherType other than IPv4/IPv6.</summary>
    NotIp,
    /// <summary>IP header inconsistent: version, IHL, lengths beyond the frame.</summary>
    MalformedIp,
    /// <summary>IP is fine but the payload is not TCP (or hidden behind IPv6 extension headers we cannot walk).</summary>
    NotTcp,
    /// <summary>TCP header inconsistent: data offset, options overrunning the header.</summary>
    MalformedTcp,
    /// <summary>An IPv4 fragment other than a whole datagram; TCP is not visible.</summary>
    Fragment,
}

/// <summary>
/// A decoded view of one Ethernet frame for the harness: traffic checks, the oracle and the CLI.
/// Allocation is fine here; the device has its own zero-copy parser.
/// </summary>
public sealed class ParsedPacket
{
    public required byte[] Frame { get; init; }
    public required PacketShape Shape { get; init; }
    public string? MalformedReason { get; init; }

    public ushort EtherType { get; init; }
    public int IpVersion { get; init; }
    public int IpOffset { get; init; }
    /// <summary>IPv4 header length (with options) or IPv6 fixed header plus extension headers.</summary>
    public int IpHeaderLength { get; init; }
    /// <summary>Length of the IP datagram as its header states (IPv4 total length, or 40 + IPv6 payload length).</summary>
    public int IpDatagramLength { get; init; }
    public byte[] SourceAddress { get; init; } = [];
    public byte[] DestinationAddress { get; init; } = [];
    public byte Dscp { get; init; }
    public byte Ecn { get; init; }
    public ushort IpId { get; init; }
    public bool DontFragment { get; init; }
    public bool MoreFragments { get; init; }
    public ushort FragmentOffset { get; init; }
    public byte TtlOrHopLimit { get; init; }
    public uint FlowLabel { get; init; }
    public bool HasIpv4Options { get; init; }
    public bool HasIpv6ExtensionHeaders { get; init; }
    public byte Ipv6FirstNextHeader { get; init; }
    public bool IpChecksumValid { get; init; } = true;

    public int TcpOffset { get; init; }
    public int TcpHeaderLength { get; init; }
    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }
    public uint Seq { get; init; }
    public uint Ack { get; init; }
    public TcpFlags Flags { get; init; }
    public ushort Window { get; init; }
    public ushort UrgentPointer { get; init; }
    public bool TcpChecksumValid { get; init; }
    public IReadOnlyList<ParsedTcpOption> Options { get; init; } = [];
    public int PayloadOffset { get; init; }
    public int PayloadLength { get; init; }

    public bool IsTcp => Shape == PacketShape.Tcp;
    public ReadOnlySpan<byte> Payload => Frame.AsSpan(PayloadOffset, PayloadLength);
    public bool HasTimestamp => TimestampOption is not null;
    public ParsedTcpOption? TimestampOption
    {
        get
        {
            foreach (var o in Options)
            {
                if (o.Kind == TcpOptionKinds.Timestamp) return o;
            }
            return null;
        }
    }

    /// <summary>True when the TCP options are only timestamps (plus NOP/EOL padding).</summary>
    public bool OnlyTimestampOptions
    {
        get
        {
            foreach (var o in Options)
            {
                if (o.Kind is not (TcpOptionKinds.Timestamp or TcpOptionKinds.Nop or TcpOptionKinds.End)) return false;
            }
            return true;
        }
    }

    /// <summary>The flow when a TCP header could be read (even from a frame that may not be coalesced).</summary>
    public FlowKey? Flow => TcpOffset > 0
        ? new FlowKey(IpVersion, new IPAddress(SourceAddress), new IPAddress(DestinationAddress), SourcePort, DestinationPort)
        : null;

    public static ParsedPacket Parse(byte[] frame) => PacketParser.Parse(frame);
}

public readonly record struct ParsedTcpOption(byte Kind, byte[] Data)
{
    public uint TsVal => Kind == TcpOptionKinds.Timestamp && Data.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(Data) : 0;
    public uint TsEcr => Kind == TcpOptionKinds.Timestamp && Data.Length >= 8 ? BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(4)) : 0;
}

public static class TcpOptionKinds
{
    public const byte End = 0;
    public const byte Nop = 1;
    public const byte Mss = 2;
    public const byte WindowScale = 3;
    public const byte SackPermitted = 4;
    public const byte Sack = 5;
    public const byte Timestamp = 8;
}

/// <summary>A TCP flow in one direction: addresses and ports.</summary>
public readonly record struct FlowKey(int IpVersion, IPAddress Source, IPAddress Destination, ushort SourcePort, ushort DestinationPort)
{
    public override string ToString() => IpVersion == 6
        ? $"[{Source}]:{SourcePort}->[{Destination}]:{DestinationPort}"
        : $"{Source}:{SourcePort}->{Destination}:{DestinationPort}";
}
