using System.Globalization;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Reporting;

/// <summary>
/// The TCP/IP facts of one frame as the wire log shows them. Flows are named as the case named them
/// where the plan knows the flow, else by their addresses.
/// </summary>
public sealed class FrameSummary
{
    private FrameSummary(ParsedPacket packet, string flow)
    {
        Packet = packet;
        Flow = flow;
    }

    public ParsedPacket Packet { get; }

    /// <summary>The flow's name, or "-" for a frame whose TCP header could not be read.</summary>
    public string Flow { get; }

    public bool HasTcp => Packet.TcpOffset > 0;

    public string Seq => HasTcp ? Packet.Seq.ToString(CultureInfo.InvariantCulture) : "-";
    public string Ack => HasTcp ? Packet.Ack.ToString(CultureInfo.InvariantCulture) : "-";
    public string Length => HasTcp ? Packet.PayloadLength.ToString(CultureInfo.InvariantCulture) : "-";
    public string Flags => HasTcp ? FlagsText(Packet.Flags) : "-";
    public string Window => HasTcp ? Packet.Window.ToString(CultureInfo.InvariantCulture) : "-";
    public string IpId => Packet.IpVersion == 4 && Packet.IpOffset > 0 ? Packet.IpId.ToString(CultureInfo.InvariantCulture) : "-";
    public string Ttl => Packet.IpOffset > 0 ? Packet.TtlOrHopLimit.ToString(CultureInfo.InvariantCulture) : "-";

    /// <summary>Whatever else stands out: timestamps, other options, ECN/DSCP, bad checksums, why it is not plain TCP.</summary>
    public string Extras
    {
        get
        {
            var parts = new List<string>();
            if (Packet.Shape != PacketShape.Tcp)
            {
                parts.Add($"{Packet.Shape}{(Packet.MalformedReason is { } r ? ": " + r : "")}");
            }
            if (Packet.TimestampOption is { } ts)
            {
                parts.Add($"ts={ts.TsVal.ToString(CultureInfo.InvariantCulture)}/{ts.TsEcr.ToString(CultureInfo.InvariantCulture)}");
            }
            var others = Packet.Options.Where(o => o.Kind is not (TcpOptionKinds.Nop or TcpOptionKinds.End or TcpOptionKinds.Timestamp)).ToList();
            if (others.Count > 0)
            {
                parts.Add("opts=" + string.Join(',', others.Select(o => OptionName(o.Kind))));
            }
            if (Packet.Ecn != 0)
            {
                parts.Add($"ecn={Packet.Ecn}");
            }
            if (Packet.Dscp != 0)
            {
                parts.Add($"dscp={Packet.Dscp}");
            }
            if (Packet.IpVersion == 6 && Packet.FlowLabel != 0)
            {
                parts.Add($"label=0x{Packet.FlowLabel:x5}");
            }
            if (Packet.IpVersion == 4 && Packet.IpOffset > 0 && !Packet.DontFragment)
            {
                parts.Add("no-DF");
            }
            if (Packet.HasIpv4Options)
            {
                parts.Add("ip-options");
            }
            if (Packet.HasIpv6ExtensionHeaders)
            {
                parts.Add("ext-headers");
            }
            if (Packet.IpOffset > 0 && !Packet.IpChecksumValid)
            {
                parts.Add("bad-ip-csum");
            }
            if (HasTcp && !Packet.TcpChecksumValid)
            {
                parts.Add("bad-tcp-csum");
            }
            return string.Join(' ', parts);
        }
    }

    /// <summary>One line: flow, seq/ack/len/flags/win/ipid/ttl and extras.</summary>
    public override string ToString()
    {
        if (!HasTcp)
        {
            return $"{Packet.Frame.Length} bytes, {Extras}";
        }
        var extras = Extras;
        return $"{Flow} seq={Seq} ack={Ack} len={Length} flags={Flags} win={Window} ipid={IpId} ttl={Ttl}{(extras.Length > 0 ? " " + extras : "")}";
    }

    public static FrameSummary Of(byte[] frame, FlowNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var packet = PacketParser.Parse(frame);
        return new FrameSummary(packet, packet.Flow is { } key ? names.NameOf(key) : "-");
    }

    public static string FlagsText(TcpFlags flags)
    {
        if (flags == TcpFlags.None)
        {
            return "none";
        }
        var names = new List<string>(4);
        foreach (var (flag, name) in FlagNames)
        {
            if ((flags & flag) != 0)
            {
                names.Add(name);
            }
        }
        return string.Join('|', names);
    }

    private static readonly (TcpFlags Flag, string Name)[] FlagNames =
    [
        (TcpFlags.Syn, "SYN"), (TcpFlags.Fin, "FIN"), (TcpFlags.Rst, "RST"), (TcpFlags.Psh, "PSH"),
        (TcpFlags.Ack, "ACK"), (TcpFlags.Urg, "URG"), (TcpFlags.Ece, "ECE"), (TcpFlags.Cwr, "CWR"),
    ];

    private static string OptionName(byte kind) => kind switch
    {
        TcpOptionKinds.Mss => "MSS",
        TcpOptionKinds.WindowScale => "WS",
        TcpOptionKinds.SackPermitted => "SACK-OK",
        TcpOptionKinds.Sack => "SACK",
        _ => kind.ToString(CultureInfo.InvariantCulture),
    };
}
