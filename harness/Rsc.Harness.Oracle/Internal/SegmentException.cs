using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>Which exception of E makes a segment one that may never be coalesced.</summary>
internal enum ExceptionKind
{
    /// <summary>A plain segment: it may be coalesced.</summary>
    None,
    /// <summary>FIN and nothing else exceptional (a rule of its own, so GRO can be excused for it alone).</summary>
    Fin,
    /// <summary>TCP options other than NOP/EOL/timestamps and nothing else exceptional (likewise).</summary>
    Options,
    /// <summary>Anything else: SYN/RST/URG, IP options, extension headers, fragments, bad checksums, or several at once.</summary>
    Other,
}

/// <summary>What about a sent segment forbids coalescing it (E, interpretation.md 3), decided once per segment.</summary>
internal sealed class SegmentException
{
    public const TcpFlags ExceptionFlags = TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Urg;

    private static readonly SegmentException Plain = new(ExceptionKind.None, TcpFlags.None, badChecksum: false, null);

    private readonly ParsedPacket? _packet;

    private SegmentException(ExceptionKind kind, TcpFlags flags, bool badChecksum, ParsedPacket? packet)
    {
        Kind = kind;
        Flags = flags;
        BadChecksum = badChecksum;
        _packet = packet;
    }

    public ExceptionKind Kind { get; }

    /// <summary>SYN/FIN/RST/URG the segment carries.</summary>
    public TcpFlags Flags { get; }

    /// <summary>Its IPv4 header or TCP checksum is wrong.</summary>
    public bool BadChecksum { get; }

    public static SegmentException Of(SentInfo segment)
    {
        var packet = segment.Packet;
        var flags = packet.Flags & ExceptionFlags;
        bool badChecksum = !packet.IpChecksumValid || !packet.TcpChecksumValid;
        bool ipPlain = !packet.HasIpv4Options && !packet.HasIpv6ExtensionHeaders && !packet.MoreFragments && packet.FragmentOffset == 0;
        if (flags == 0 && segment.OnlyTimestampOptions && ipPlain && !badChecksum)
        {
            return Plain;
        }
        var kind = ExceptionKind.Other;
        if (flags == TcpFlags.Fin && !badChecksum && segment.OnlyTimestampOptions && ipPlain)
        {
            kind = ExceptionKind.Fin;
        }
        else if (flags == 0 && !badChecksum && !segment.OnlyTimestampOptions && ipPlain)
        {
            kind = ExceptionKind.Options;
        }
        return new SegmentException(kind, flags, badChecksum, packet);
    }

    /// <summary>Every reason, in words, for a finding's message.</summary>
    public string Reasons()
    {
        if (_packet is not { } packet)
        {
            return "";
        }
        var reasons = new List<string>();
        if (Flags != 0)
        {
            reasons.Add($"flag {Flags}");
        }
        if (!packet.OnlyTimestampOptions)
        {
            reasons.Add($"TCP options {FrameDiff.OptionsText(packet)}");
        }
        if (packet.HasIpv4Options)
        {
            reasons.Add("IPv4 options");
        }
        if (packet.HasIpv6ExtensionHeaders)
        {
            reasons.Add("IPv6 extension headers");
        }
        if (packet.MoreFragments || packet.FragmentOffset != 0)
        {
            reasons.Add("a fragment");
        }
        if (!packet.IpChecksumValid)
        {
            reasons.Add("bad IPv4 header checksum");
        }
        if (!packet.TcpChecksumValid)
        {
            reasons.Add("bad TCP checksum");
        }
        return string.Join(", ", reasons);
    }
}
