using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Virtio;

namespace Rsc.Device.Tests.Support;

/// <summary>
/// What a flow carries, reduced to what must survive coalescing: every payload byte with its
/// sequence number, and every frame that may never be coalesced, in order.
/// </summary>
public readonly record struct StreamEvent(long Seq, ulong Value, DateTimeOffset At)
{
    public static StreamEvent Byte(uint seq, byte value, DateTimeOffset at) => new(seq, value, at);

    public static StreamEvent WholeFrame(byte[] frame, DateTimeOffset at) => new(-1, Fingerprint(frame), at);

    public bool SameAs(StreamEvent other) => Seq == other.Seq && Value == other.Value;

    private static ulong Fingerprint(byte[] bytes)
    {
        ulong h = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            h = (h ^ b) * 1099511628211UL;
        }
        return h ^ (ulong)bytes.Length;
    }
}

public static class StreamModel
{
    /// <summary>A segment the rules allow to be coalesced (the test's own reading, independent of the engine).</summary>
    public static bool IsPlain(ParsedPacket p)
    {
        if (p.Shape != PacketShape.Tcp || !p.IpChecksumValid || !p.TcpChecksumValid || p.HasIpv4Options || p.HasIpv6ExtensionHeaders || p.MoreFragments)
        {
            return false;
        }
        if ((p.Flags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst | TcpFlags.Urg)) != 0 || (p.Flags & TcpFlags.Ack) == 0)
        {
            return false;
        }
        if (!p.OnlyTimestampOptions || p.Options.Count(o => o.Kind == TcpOptionKinds.Timestamp) > 1)
        {
            return false;
        }
        return !(p.PayloadLength == 0 && (p.Flags & (TcpFlags.Ece | TcpFlags.Cwr)) != 0);
    }

    /// <summary>Adds the events a sent frame (or an unchanged delivery) contributes to its flow.</summary>
    public static void AddFrame(List<StreamEvent> events, ParsedPacket p, DateTimeOffset at)
    {
        if (!IsPlain(p))
        {
            events.Add(StreamEvent.WholeFrame(p.Frame, at));
            return;
        }
        AddPayload(events, p, at);
    }

    /// <summary>Adds the payload bytes of a plain segment or a coalesced unit.</summary>
    public static void AddPayload(List<StreamEvent> events, ParsedPacket p, DateTimeOffset at)
    {
        var payload = p.Payload;
        for (int i = 0; i < payload.Length; i++)
        {
            events.Add(StreamEvent.Byte(unchecked(p.Seq + (uint)i), payload[i], at));
        }
    }

    /// <summary>Adds what a guest delivery contributes to its flow.</summary>
    public static void AddDelivery(List<StreamEvent> events, GuestDelivery d)
    {
        if (d.Header.HasRscInfo)
        {
            AddPayload(events, d.Packet, d.At);
        }
        else
        {
            AddFrame(events, d.Packet, d.At);
        }
    }

    public static bool IsCoalescedHeaderWellFormed(GuestDelivery d, out string why)
    {
        var h = d.Header;
        var p = d.Packet;
        why = "";
        if (h.Flags != (VirtioNetHeaderFlags.NeedsCsum | VirtioNetHeaderFlags.RscInfo))
        {
            why = $"flags {h.Flags}";
        }
        else if (h.GsoType != (p.IpVersion == 6 ? VirtioGsoType.TcpV6 : VirtioGsoType.TcpV4))
        {
            why = $"gso {h.GsoType}";
        }
        else if (h.HeaderLength != p.PayloadOffset)
        {
            why = $"hdr_len {h.HeaderLength} vs {p.PayloadOffset}";
        }
        else if ((h.CsumStart == 0) != (p.PayloadLength == 0))
        {
            why = $"segments {h.CsumStart} with payload {p.PayloadLength}";
        }
        else if (p.PayloadLength > 0 && (h.GsoSize == 0 || h.GsoSize > p.PayloadLength))
        {
            why = $"gso_size {h.GsoSize}";
        }
        else if (!p.IsTcp || !p.IpChecksumValid || !p.TcpChecksumValid || p.IpDatagramLength > 65535 || p.Frame.Length != p.IpOffset + p.IpDatagramLength)
        {
            why = "frame not a valid TCP segment";
        }
        else if ((p.Flags & ~(TcpFlags.Psh | TcpFlags.Ece | TcpFlags.Cwr)) != TcpFlags.Ack)
        {
            why = $"TCP flags {p.Flags}";
        }
        return why.Length == 0;
    }
}
