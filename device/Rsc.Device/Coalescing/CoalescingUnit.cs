using Rsc.Device.Delivery;
using Rsc.Device.Flows;
using Rsc.Device.Net;
using Rsc.Device.Parsing;

namespace Rsc.Device.Coalescing;

/// <summary>
/// The cached unit (SCU) of one flow: the first segment's frame with every joined payload appended,
/// plus what the rebuilt header needs. Its buffer keeps room for the virtio header in front so a
/// delivery is one contiguous span with no copy.
/// </summary>
internal sealed class CoalescingUnit
{
    public const int HeaderRoom = VirtioNetHeaderWriter.Size;

    private readonly RscFault _faults;
    private byte[] _buffer;

    /// <summary>Frame offset where the second data segment's payload begins (kept only under a named fault).</summary>
    private int _secondSegmentStart;

    public CoalescingUnit(int initialCapacity, RscFault faults = RscFault.None)
    {
        _buffer = new byte[initialCapacity];
        _faults = faults;
    }

    public FlowKey Flow { get; private set; }

    /// <summary>The chain that drains this unit, and the unit's slot in it.</summary>
    public RscChain? Chain { get; set; }
    public int ChainSlot { get; set; }

    /// <summary>Virtio header room followed by the frame.</summary>
    public byte[] Buffer => _buffer;

    public bool IsIpv6 { get; private set; }

    /// <summary>The first segment's frame length, Ethernet padding included.</summary>
    public int OriginalLength { get; private set; }
    public int IpHeaderLength { get; private set; }
    public int TcpOffset { get; private set; }
    public int TcpHeaderLength { get; private set; }
    public int PayloadOffset => TcpOffset + TcpHeaderLength;

    /// <summary>Frame offset just past the last payload byte (the rebuilt frame's length).</summary>
    public int DataEnd { get; private set; }
    public int IpDatagramLength => DataEnd - Wire.EthernetHeaderLength;

    // What every later segment must match (IPH, R).
    public byte TrafficClass { get; private set; }
    public bool DontFragment { get; private set; }
    public uint FlowLabel { get; private set; }
    public byte EcnEcho { get; private set; }
    public int TimestampOffset { get; private set; }
    public bool HasTimestamp => TimestampOffset != 0;

    /// <summary>Segments that went into the unit: data, window updates, duplicate ACKs.</summary>
    public int Segments { get; private set; }
    public int DataSegments { get; private set; }
    public int DupAcks { get; private set; }
    public int FirstPayloadLength { get; private set; }
    public int LargestPayload { get; private set; }
    public int PayloadBytes { get; private set; }
    public bool IsCoalesced => Segments > 1;

    /// <summary>The first segment's sequence number.</summary>
    public uint FirstSeq { get; private set; }
    public uint NextSeq { get; private set; }
    public uint Ack { get; private set; }
    public ushort Window { get; private set; }
    public byte MinimumTtl { get; private set; }
    public byte LastTtl { get; private set; }
    public ushort LastIpId { get; private set; }
    public bool AnyPsh { get; private set; }
    public bool LastPsh { get; private set; }
    public uint TsVal { get; private set; }
    public uint TsEcr { get; private set; }

    /// <summary>Ones'-complement sum of all payload bytes as laid out in the unit.</summary>
    public uint PayloadSum { get; private set; }

    /// <summary>Opens the unit with <paramref name="s"/>, keeping its frame byte for byte.</summary>
    public void Start(scoped ref TcpSegmentView s)
    {
        EnsureCapacity(HeaderRoom + s.Frame.Length, 0);
        s.Frame.CopyTo(_buffer.AsSpan(HeaderRoom));
        Flow = s.Flow;
        IsIpv6 = s.IsIpv6;
        OriginalLength = s.Frame.Length;
        IpHeaderLength = s.IpHeaderLength;
        TcpOffset = s.TcpOffset;
        TcpHeaderLength = s.TcpHeaderLength;
        DataEnd = s.IpEnd;
        TrafficClass = s.TrafficClass;
        DontFragment = s.DontFragment;
        FlowLabel = s.FlowLabel;
        EcnEcho = (byte)(s.TcpFlags & TcpFlagBits.EcnEcho);
        TimestampOffset = s.TimestampOffset;

        int payload = s.PayloadLength;
        Segments = 1;
        DataSegments = payload > 0 ? 1 : 0;
        DupAcks = 0;
        FirstPayloadLength = payload;
        LargestPayload = payload;
        PayloadBytes = payload;
        FirstSeq = s.Seq;
        NextSeq = unchecked(s.Seq + (uint)payload);
        MinimumTtl = s.Ttl;
        AnyPsh = false;
        PayloadSum = s.PayloadSum;
        TakeLatest(ref s);
    }

    /// <summary>Appends an in-order data segment.</summary>
    public void AppendData(scoped ref TcpSegmentView s)
    {
        EnsureTailCapacity(s.PayloadLength);
        s.Payload.CopyTo(_buffer.AsSpan(HeaderRoom + DataEnd));
        CommitAppend(ref s);
    }

    /// <summary>
    /// Copies the payload just past the unit's data and returns its partial sum, without taking it
    /// in: until <see cref="CommitAppend"/> the bytes lie beyond <see cref="DataEnd"/> and are never delivered.
    /// </summary>
    public uint CopyPayloadToTail(scoped ref TcpSegmentView s)
    {
        int payload = s.PayloadLength;
        EnsureTailCapacity(payload);
        return InternetChecksum.CopyAndSum(s.Payload, _buffer.AsSpan(HeaderRoom + DataEnd, payload));
    }

    /// <summary>Takes in a payload already copied to the tail (by <see cref="AppendData"/> or <see cref="CopyPayloadToTail"/>).</summary>
    public void CommitAppend(scoped ref TcpSegmentView s)
    {
        int payload = s.PayloadLength;
        int start = DataEnd;
        // Bytes landing at an odd offset of the TCP segment contribute byte-swapped to its checksum.
        bool oddOffset = ((DataEnd - PayloadOffset) & 1) != 0;
        PayloadSum = InternetChecksum.Combine(PayloadSum, oddOffset ? InternetChecksum.ShiftedByOneByte(s.PayloadSum) : s.PayloadSum);
        DataEnd += payload;
        Segments++;
        DataSegments++;
        PayloadBytes += payload;
        LargestPayload = Math.Max(LargestPayload, payload);
        NextSeq = unchecked(s.Seq + (uint)payload);
        bool pshBefore = AnyPsh;
        TakeLatest(ref s);
        if (_faults != RscFault.None)
        {
            ApplyAppendFaults(ref s, start, pshBefore);
        }
    }

    /// <summary>Absorbs a pure ACK that only changes the window.</summary>
    public void AbsorbWindowUpdate(scoped ref TcpSegmentView s)
    {
        Segments++;
        TakeLatest(ref s);
        if ((_faults & RscFault.PureAckOverwritesFlags) != 0)
        {
            AnyPsh = LastPsh;
        }
    }

    /// <summary>Absorbs a duplicate ACK into a unit of pure ACKs.</summary>
    public void AbsorbDupAck(scoped ref TcpSegmentView s)
    {
        Segments++;
        DupAcks++;
        TakeLatest(ref s);
    }

    /// <summary>Absorbs a pure ACK as if it were a data segment (only under a named fault).</summary>
    public void AbsorbAsDataSegment(scoped ref TcpSegmentView s)
    {
        Segments++;
        DataSegments++;
        TakeLatest(ref s);
    }

    /// <summary>The unit's header takes the last segment's ACK, window and timestamp, the lowest TTL and any PSH.</summary>
    private void TakeLatest(scoped ref TcpSegmentView s)
    {
        Ack = s.Ack;
        Window = s.Window;
        MinimumTtl = Math.Min(MinimumTtl, s.Ttl);
        LastTtl = s.Ttl;
        LastIpId = s.IpId;
        LastPsh = (s.TcpFlags & TcpFlagBits.Psh) != 0;
        AnyPsh |= LastPsh;
        if (s.HasTimestamp)
        {
            TsVal = s.TsVal;
            TsEcr = s.TsEcr;
        }
    }

    /// <summary>
    /// The named faults that damage an append, each as the shipped bug did: padding taken as payload,
    /// PSH written into the payload instead of the header, the third segment chained before the second.
    /// </summary>
    private void ApplyAppendFaults(scoped ref TcpSegmentView s, int start, bool pshBefore)
    {
        bool payloadChanged = false;
        if ((_faults & RscFault.PadIntoPayload) != 0 && s.Frame.Length > s.IpEnd)
        {
            var padding = s.Frame[s.IpEnd..];
            EnsureCapacity(HeaderRoom + DataEnd + padding.Length, HeaderRoom + DataEnd);
            padding.CopyTo(_buffer.AsSpan(HeaderRoom + DataEnd));
            DataEnd += padding.Length;
            payloadChanged = true;
        }
        if ((_faults & RscFault.FlagsIntoPayload) != 0 && (s.TcpFlags & TcpFlagBits.Psh) != 0)
        {
            // The flag lands where the segment's own TCP flags byte would be, counted from its payload.
            int offset = Math.Min(s.TcpOffset + 13, s.PayloadLength - 1);
            _buffer[HeaderRoom + start + offset] |= TcpFlagBits.Psh;
            AnyPsh = pshBefore;
            payloadChanged = true;
        }
        if ((_faults & RscFault.ThirdSegmentMisplaced) != 0)
        {
            if (DataSegments == 2)
            {
                _secondSegmentStart = start;
            }
            else if (DataSegments == 3)
            {
                // Rotate [second, end) so the newest bytes come first: third, then second.
                var tail = _buffer.AsSpan(HeaderRoom + _secondSegmentStart, DataEnd - _secondSegmentStart);
                int moved = DataEnd - start;
                tail.Reverse();
                tail[..moved].Reverse();
                tail[moved..].Reverse();
                payloadChanged = true;
            }
        }
        if (payloadChanged)
        {
            PayloadSum = InternetChecksum.Sum(_buffer.AsSpan(HeaderRoom + PayloadOffset, DataEnd - PayloadOffset));
        }
    }

    private void EnsureTailCapacity(int payload) => EnsureCapacity(HeaderRoom + DataEnd + payload, HeaderRoom + DataEnd);

    private void EnsureCapacity(int needed, int bytesToKeep)
    {
        if (_buffer.Length >= needed)
        {
            return;
        }
        // Grows rarely (first large units of a flow); the buffer is reused for the unit's lifetime in the pool.
        var larger = new byte[Math.Max(needed, _buffer.Length * 2)];
        _buffer.AsSpan(0, bytesToKeep).CopyTo(larger);
        _buffer = larger;
    }
}
