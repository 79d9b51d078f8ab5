using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>Says, in header terms, how a delivered frame differs from the frame that was sent.</summary>
internal static class FrameDiff
{
    public static string Describe(ParsedPacket sent, byte[] delivered)
    {
        var got = PacketParser.Parse(delivered);
        var parts = new List<string>();
        Compare(parts, ("frame length", sent.Frame.Length, delivered.Length), ("shape", sent.Shape, got.Shape));
        if (sent.Shape == PacketShape.Tcp && got.Shape == PacketShape.Tcp)
        {
            Compare(parts,
                ("Ethernet header", Convert.ToHexString(sent.Frame, 0, 14), Convert.ToHexString(delivered, 0, 14)),
                ("DSCP", sent.Dscp, got.Dscp), ("ECN", sent.Ecn, got.Ecn), ("IP ID", sent.IpId, got.IpId), ("DF", sent.DontFragment, got.DontFragment),
                ("TTL/hop limit", sent.TtlOrHopLimit, got.TtlOrHopLimit), ("flow label", sent.FlowLabel, got.FlowLabel),
                ("IP header length", sent.IpHeaderLength, got.IpHeaderLength), ("IP checksum valid", sent.IpChecksumValid, got.IpChecksumValid),
                ("seq", sent.Seq, got.Seq), ("ack", sent.Ack, got.Ack), ("flags", sent.Flags, got.Flags), ("window", sent.Window, got.Window),
                ("TCP checksum valid", sent.TcpChecksumValid, got.TcpChecksumValid), ("TCP options", OptionsText(sent), OptionsText(got)),
                ("payload length", sent.PayloadLength, got.PayloadLength));
            if (sent.PayloadLength == got.PayloadLength && !sent.Payload.SequenceEqual(got.Payload))
            {
                int at = sent.Payload.CommonPrefixLength(got.Payload);
                parts.Add($"payload differs from byte {at}");
            }
        }
        if (parts.Count == 0)
        {
            int at = sent.Frame.AsSpan().CommonPrefixLength(delivered);
            string expected = at < sent.Frame.Length ? $"0x{sent.Frame[at]:x2}" : "end of frame";
            string observed = at < delivered.Length ? $"0x{delivered[at]:x2}" : "end of frame";
            parts.Add($"byte {at} expected {expected}, observed {observed}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>Adds "NAME expected X, observed Y" for every field whose values differ.</summary>
    private static void Compare(List<string> parts, params (string Name, object Expected, object Observed)[] fields)
    {
        foreach (var (name, expected, observed) in fields)
        {
            if (!Equals(expected, observed))
            {
                parts.Add($"{name} expected {expected}, observed {observed}");
            }
        }
    }

    public static string OptionsText(ParsedPacket packet)
    {
        if (packet.Options.Count == 0)
        {
            return "none";
        }
        return string.Join(' ', packet.Options.Select(option => option.Kind switch
        {
            TcpOptionKinds.Nop => "NOP",
            TcpOptionKinds.End => "EOL",
            TcpOptionKinds.Timestamp => $"TS({option.TsVal},{option.TsEcr})",
            TcpOptionKinds.Sack => "SACK",
            TcpOptionKinds.Mss => "MSS",
            TcpOptionKinds.WindowScale => "WS",
            _ => $"kind{option.Kind}",
        }));
    }
}
