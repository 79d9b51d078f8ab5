using Rsc.Device.Flows;

namespace Rsc.Device.Parsing;

/// <summary>
/// What the parser learned about one frame, as offsets into it and decoded header fields. Lives on
/// the stack for the duration of one <see cref="RscEngine.Receive"/>.
/// </summary>
internal ref struct TcpSegmentView
{
    public ReadOnlySpan<byte> Frame;
    public FrameVerdict Verdict;

    /// <summary>Why the frame is not a candidate (meaningless for candidates).</summary>
    public RscCounter Reason;

    public bool IsIpv6;
    public int IpHeaderLength;

    /// <summary>Frame offset just past the IP datagram (Ethernet padding lies beyond it).</summary>
    public int IpEnd;
    public int TcpOffset;
    public int TcpHeaderLength;
    public FlowKey Flow;

    /// <summary>IPv4 TOS or IPv6 traffic class: DSCP in the upper six bits, ECN in the lower two.</summary>
    public byte TrafficClass;
    public bool DontFragment;
    public uint FlowLabel;
    public byte Ttl;
    public ushort IpId;

    public uint Seq;
    public uint Ack;
    public ushort Window;
    public byte TcpFlags;

    /// <summary>Frame offset of the timestamp option's kind byte; 0 when there is none.</summary>
    public int TimestampOffset;
    public uint TsVal;
    public uint TsEcr;

    /// <summary>Ones'-complement partial sum of the payload, kept so a unit's TCP checksum needs no second pass.</summary>
    public uint PayloadSum;

    /// <summary>Partial sum of the pseudo-header and TCP header, while the verdict is <see cref="FrameVerdict.ChecksumPending"/>.</summary>
    public uint HeaderSum;

    public readonly int PayloadOffset => TcpOffset + TcpHeaderLength;
    public readonly int PayloadLength => IpEnd - PayloadOffset;
    public readonly int IpDatagramLength => IpEnd - Net.Wire.EthernetHeaderLength;
    public readonly bool HasTimestamp => TimestampOffset != 0;
    public readonly bool IsPureAck => PayloadLength == 0;
    public readonly ReadOnlySpan<byte> Payload => Frame[PayloadOffset..IpEnd];
}
