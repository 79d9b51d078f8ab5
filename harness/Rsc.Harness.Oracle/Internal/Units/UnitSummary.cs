using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Internal.Units;

/// <summary>
/// The facts of one run of consecutive sent frames of a flow read as one unit, computed once: its
/// steps (each segment with R's bookkeeping just before it and what merging it breaks) and the
/// totals the delivered header is judged against (first and last segment, minimum TTL, PSH OR-ed,
/// latest timestamp, data segments, duplicate ACKs, payload). Immutable; built by <see cref="Builder"/>,
/// which extends a run one frame at a time so the alignment can weigh every end of it cheaply.
/// </summary>
internal sealed class UnitSummary
{
    private readonly UnitStep[] _steps;

    private UnitSummary(Builder builder)
    {
        Flow = builder.Flow;
        Start = builder.Start;
        Count = builder.Count;
        _steps = builder.Steps;
        DataSegments = builder.DataSegmentCount;
        DupAcks = builder.DupAckCount;
        MinTtl = builder.MinTtl;
        Psh = builder.Psh;
        LatestTimestamp = builder.LatestTimestamp;
        PayloadSum = builder.PayloadSum;
        MaxPayload = builder.MaxPayload;
        FirstDataStep = builder.FirstDataStep < 0 ? builder.Count : builder.FirstDataStep;
        LastDataStep = builder.LastDataStep;
        HasExceptionFlags = builder.HasExceptionFlags;
        EcnChanges = builder.EcnChanges;
        FieldsDiffer = builder.FieldsDiffer;
        TimestampPresenceDiffers = builder.TimestampPresenceDiffers;
        AnyBadChecksum = builder.AnyBadChecksum;
        ShouldBreaks = builder.ShouldBreaks;
    }

    /// <summary>The flow's sent frames in send order; the unit is positions [<see cref="Start"/>, <see cref="End"/>).</summary>
    public IReadOnlyList<SentInfo> Flow { get; }
    public int Start { get; }
    public int End => Start + Count;
    public int Count { get; }

    /// <summary>Step <paramref name="step"/> (0 is the first segment).</summary>
    public UnitStep this[int step] => _steps[step];

    public IEnumerable<UnitStep> Steps => new ArraySegment<UnitStep>(_steps, 0, Count);

    public SentInfo First => _steps[0].Segment;
    public SentInfo Last => _steps[Count - 1].Segment;

    /// <summary>More than one sent frame: the frame must say it was coalesced.</summary>
    public bool IsCoalesced => Count > 1;
    public bool IsV4 => First.Packet.IpVersion == 4;

    public int DataSegments { get; }
    public int DupAcks { get; }
    public byte MinTtl { get; }

    /// <summary>PSH OR-ed over the segments.</summary>
    public bool Psh { get; }

    /// <summary>The segment with the largest TSval (the later of equals); null when none carries the option.</summary>
    public SentInfo? LatestTimestamp { get; }
    public long PayloadSum { get; }

    /// <summary>The largest data segment's payload: the MSS as seen.</summary>
    public int MaxPayload { get; }

    /// <summary>The first step carrying data; <see cref="Count"/> when none does.</summary>
    public int FirstDataStep { get; }

    /// <summary>The last step carrying data; -1 when none does.</summary>
    public int LastDataStep { get; }

    /// <summary>A segment carries SYN, FIN, RST or URG.</summary>
    public bool HasExceptionFlags { get; }

    /// <summary>ECN, ECE or CWR change somewhere inside the unit.</summary>
    public bool EcnChanges { get; }

    /// <summary>A segment's IP version, addresses, DSCP, DF or flow label differ from the first's.</summary>
    public bool FieldsDiffer { get; }

    /// <summary>Some segments carry the timestamp option and others do not.</summary>
    public bool TimestampPresenceDiffers { get; }

    /// <summary>A segment's IPv4 header or TCP checksum is wrong.</summary>
    public bool AnyBadChecksum { get; }

    public int MustBreaks => _steps[Count - 1].MustBreaksThrough;
    public int ShouldBreaks { get; }

    /// <summary>MUST-level merge breaks of steps [<paramref name="fromStep"/>, <paramref name="toStep"/>).</summary>
    public int MustBreaksIn(int fromStep, int toStep) =>
        toStep <= fromStep ? 0 : _steps[toStep - 1].MustBreaksThrough - (fromStep == 0 ? 0 : _steps[fromStep - 1].MustBreaksThrough);

    /// <summary>The data segments in send order.</summary>
    public IEnumerable<SentInfo> DataSegmentsInOrder
    {
        get
        {
            for (int step = FirstDataStep; step <= LastDataStep; step++)
            {
                if (_steps[step].Segment.HasData)
                {
                    yield return _steps[step].Segment;
                }
            }
        }
    }

    /// <summary>Sent indices of the unit, in send order.</summary>
    public int[] SentIndices()
    {
        var indices = new int[Count];
        for (int step = 0; step < indices.Length; step++)
        {
            indices[step] = _steps[step].Segment.Index;
        }
        return indices;
    }

    /// <summary>The unit of flow positions [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public static UnitSummary Of(IReadOnlyList<SentInfo> flow, int start, int end)
    {
        var builder = new Builder(flow, start);
        while (builder.End < end)
        {
            builder.Append();
        }
        return builder.Summary();
    }

    /// <summary>
    /// Reads a run one frame at a time the way R describes a unit (H.NXT, H.ACK, H.WND, the duplicate
    /// count) and hands out summaries of the run so far; earlier summaries stay valid as it grows.
    /// </summary>
    internal sealed class Builder(IReadOnlyList<SentInfo> flow, int start)
    {
        private const TcpFlags EcnFlags = TcpFlags.Ece | TcpFlags.Cwr;

        private uint _nextSeq;
        private uint _unitAck;
        private ushort _unitWindow;
        private bool _holdsData;

        public IReadOnlyList<SentInfo> Flow { get; } = flow;
        public int Start { get; } = start;
        public int Count { get; private set; }
        public int End => Start + Count;
        public UnitStep[] Steps { get; private set; } = new UnitStep[4];
        public bool CanAppend => End < Flow.Count;
        public SentInfo Next => Flow[End];

        public int DataSegmentCount { get; private set; }
        public int DupAckCount { get; private set; }
        public byte MinTtl { get; private set; }
        public bool Psh { get; private set; }
        public SentInfo? LatestTimestamp { get; private set; }
        public long PayloadSum { get; private set; }
        public int MaxPayload { get; private set; }
        public int FirstDataStep { get; private set; } = -1;
        public int LastDataStep { get; private set; } = -1;
        public bool HasExceptionFlags { get; private set; }
        public bool EcnChanges { get; private set; }
        public bool FieldsDiffer { get; private set; }
        public bool TimestampPresenceDiffers { get; private set; }
        public bool AnyBadChecksum { get; private set; }
        public int ShouldBreaks { get; private set; }

        /// <summary>The run so far, as an immutable summary (O(1): it shares the steps read so far).</summary>
        public UnitSummary Summary() => new(this);

        /// <summary>Adds the flow's next frame to the run.</summary>
        public void Append()
        {
            var segment = Flow[End];
            var packet = segment.Packet;
            var breaks = MergeBreaks.None;
            var step = new UnitStep(segment, Count == 0 ? null : Steps[Count - 1].Segment, _nextSeq, _unitAck, DupAckCount, LatestTimestamp, MergeBreaks.None, 0);
            if (Count == 0)
            {
                _nextSeq = unchecked(packet.Seq + (uint)packet.PayloadLength);
                _unitAck = packet.Ack;
                _unitWindow = packet.Window;
                _holdsData = segment.HasData;
                MinTtl = packet.TtlOrHopLimit;
                Psh = (packet.Flags & TcpFlags.Psh) != 0;
            }
            else
            {
                breaks = Merge(segment, Steps[0].Segment, step.Previous!);
                MinTtl = Math.Min(MinTtl, packet.TtlOrHopLimit);
                Psh |= (packet.Flags & TcpFlags.Psh) != 0;
            }
            HasExceptionFlags |= segment.Exception.Flags != 0;
            AnyBadChecksum |= segment.Exception.BadChecksum;
            if (segment.Timestamp is { } timestamp && (LatestTimestamp is null || !Serial.Before(timestamp.TsVal, LatestTimestamp.Timestamp!.Value.TsVal)))
            {
                LatestTimestamp = segment;
            }
            if (segment.HasData)
            {
                DataSegmentCount++;
                PayloadSum += packet.PayloadLength;
                MaxPayload = Math.Max(MaxPayload, packet.PayloadLength);
                if (FirstDataStep < 0)
                {
                    FirstDataStep = Count;
                }
                LastDataStep = Count;
            }
            ShouldBreaks += breaks.ShouldCount();
            int mustBefore = Count == 0 ? 0 : Steps[Count - 1].MustBreaksThrough;
            if (Count == Steps.Length)
            {
                // A new array: summaries handed out earlier keep the old one, whose steps never change.
                var grown = new UnitStep[Steps.Length * 2];
                Array.Copy(Steps, grown, Count);
                Steps = grown;
            }
            Steps[Count] = step with { Breaks = breaks, MustBreaksThrough = mustBefore + breaks.MustCount() };
            Count++;
        }

        /// <summary>R's bookkeeping for a segment joining the unit, and what the merge breaks.</summary>
        private MergeBreaks Merge(SentInfo segment, SentInfo first, SentInfo previous)
        {
            var packet = segment.Packet;
            var breaks = MergeBreaks.None;
            if (Count == 1 && first.Exception.Kind != ExceptionKind.None)
            {
                breaks |= MergeBreaks.FirstIsException;
            }
            if (segment.Exception.Kind != ExceptionKind.None)
            {
                breaks |= MergeBreaks.IsException;
            }
            if (packet.Ecn != previous.Packet.Ecn || (packet.Flags & EcnFlags) != (previous.Packet.Flags & EcnFlags))
            {
                breaks |= MergeBreaks.EcnChange;
                EcnChanges = true;
            }
            if (!SameFields(packet, first.Packet))
            {
                breaks |= MergeBreaks.FieldsDiffer;
                FieldsDiffer = true;
            }
            if ((segment.Timestamp is null) != (first.Timestamp is null))
            {
                breaks |= MergeBreaks.TimestampPresence;
                TimestampPresenceDiffers = true;
            }
            if (segment.HasData)
            {
                if (packet.Seq != _nextSeq)
                {
                    breaks |= MergeBreaks.NotContiguous;
                }
                if (DupAckCount > 0)
                {
                    breaks |= MergeBreaks.DataAfterDupAck;
                }
                _nextSeq = unchecked(packet.Seq + (uint)packet.PayloadLength);
                _holdsData = true;
            }
            else if (segment.IsPureAck)
            {
                if (packet.Ack != _unitAck)
                {
                    breaks |= MergeBreaks.AdvancingAck;
                }
                else if (packet.Window == _unitWindow)
                {
                    DupAckCount++;
                    if (_holdsData)
                    {
                        breaks |= MergeBreaks.DupAckAfterData;
                    }
                }
            }
            if (segment.Timestamp is { } timestamp && LatestTimestamp is { } latest && Serial.Before(timestamp.TsVal, latest.Timestamp!.Value.TsVal))
            {
                breaks |= MergeBreaks.TimestampBack;
            }
            _unitAck = packet.Ack;
            _unitWindow = packet.Window;
            return breaks;
        }

        /// <summary>IP version, addresses, DSCP, DF and flow label: what IPH requires identical across a unit.</summary>
        public static bool SameFields(ParsedPacket packet, ParsedPacket first) =>
            packet.IpVersion == first.IpVersion && packet.Dscp == first.Dscp && packet.DontFragment == first.DontFragment &&
            packet.FlowLabel == first.FlowLabel &&
            packet.SourceAddress.AsSpan().SequenceEqual(first.SourceAddress) &&
            packet.DestinationAddress.AsSpan().SequenceEqual(first.DestinationAddress);
    }
}
