using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>Says, in header terms, how a delivered frame differs from the frame that was sent.</summary>
internal static class FrameDiff
{
    public static string Describe(ParsedPacket sent, byte[] delivered)
    {
        var got = PacketParser.Parse(delivered);
        var parts = new List<string>();
        void Field<T>(string name, T expected, T observed)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, observed))
            {
                parts.Add($"{name} expected {expected}, observed {observed}");
            }
        }

        Field("frame length", sent.Frame.Length, delivered.Length);
        Field("shape", sent.Shape, got.Shape);
        if (sent.Shape == PacketShape.Tcp && got.Shape == PacketShape.Tcp)
        {
            Field("Ethernet header", Convert.ToHexString(sent.Frame, 0, 14), Convert.ToHexString(delivered, 0, 14));
            Field("DSCP", sent.Dscp, got.Dscp);
            Field("ECN", sent.Ecn, got.Ecn);
            Field("IP ID", sent.IpId, got.IpId);
            Field("DF", sent.DontFragment, got.DontFragment);
            Field("TTL/hop limit", sent.TtlOrHopLimit, got.TtlOrHopLimit);
            Field("flow label", sent.FlowLabel, got.FlowLabel);
            Field("IP header length", sent.IpHeaderLength, got.IpHeaderLength);
            Field("IP checksum valid", sent.IpChecksumValid, got.IpChecksumValid);
            Field("seq", sent.Seq, got.Seq);
            Field("ack", sent.Ack, got.Ack);
            Field("flags", sent.Flags, got.Flags);
            Field("window", sent.Window, got.Window);
            Field("TCP checksum valid", sent.TcpChecksumValid, got.TcpChecksumValid);
            Field("TCP options", OptionsText(sent), OptionsText(got));
            Field("payload length", sent.PayloadLength, got.PayloadLength);
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
