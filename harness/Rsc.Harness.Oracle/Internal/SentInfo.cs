using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>A frame the device received, decoded by the harness's own parser.</summary>
internal sealed class SentInfo
{
    public SentInfo(int index, long sentNs, byte[] frame, string label)
    {
        Index = index;
        SentNs = sentNs;
        Frame = frame;
        Label = label;
        Packet = PacketParser.Parse(frame);
        // Only frames whose TCP segment is fully visible take part in a flow's alignment.
        Flow = Packet.Shape == PacketShape.Tcp ? Packet.Flow : null;
        Timestamp = Packet.TimestampOption;
        OnlyTimestampOptions = Packet.OnlyTimestampOptions;
        Exception = SegmentException.Of(this);
    }

    public int Index { get; }
    public long SentNs { get; }
    public byte[] Frame { get; }
    public string Label { get; }
    public ParsedPacket Packet { get; }
    public FlowKey? Flow { get; }

    /// <summary>The timestamp option, decoded once (the aligner looks at it many times).</summary>
    public ParsedTcpOption? Timestamp { get; }
    public bool OnlyTimestampOptions { get; }

    /// <summary>Why the segment may never be coalesced (E), if it may not.</summary>
    public SegmentException Exception { get; }

    public bool Keyed => Flow is not null;

    /// <summary>Position in its flow's send order (keyed frames only).</summary>
    public int Position { get; set; } = -1;

    public int PayloadLength => Packet.PayloadLength;
    public bool HasData => Packet.PayloadLength > 0;
    public bool IsPureAck => Packet.PayloadLength == 0 && (Packet.Flags & ~(TcpFlags.Ack | TcpFlags.Psh)) == 0;

    public bool ChecksumsBad => !Packet.IpChecksumValid || (Packet.Shape == PacketShape.Tcp && !Packet.TcpChecksumValid);

    public string Describe() => Keyed
        ? $"sent {Index} ({Label}, seq {Packet.Seq}, ack {Packet.Ack}, win {Packet.Window}, {PayloadLength} bytes)"
        : $"sent {Index} ({Label})";
}
