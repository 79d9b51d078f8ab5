using Rsc.Harness.Oracle.Internal;
using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Oracle.Rules;

/// <summary>
/// Reads a run of a flow's sent frames one frame at a time the way R describes a unit (H.NXT,
/// H.ACK, H.WND, the duplicate count) and hands out <see cref="UnitSummary"/>s of the run so far, so
/// the alignment can weigh every end of a run cheaply; a summary handed out stays valid as the run grows.
/// </summary>
internal sealed class UnitBuilder(IReadOnlyList<SentInfo> flow, int start)
{
    private const TcpFlags EcnFlags = TcpFlags.Ece | TcpFlags.Cwr;

    private UnitStep[] _steps = new UnitStep[4];
    private int _count;

    // R's bookkeeping.
    private uint _nextSeq;
    private uint _unitAck;
    private ushort _unitWindow;
    private bool _holdsData;
    private int _dupAcks;

    // Totals over the segments so far.
    private int _dataSegments;
    private byte _minTtl;
    private bool _psh;
    private SentInfo? _latestTimestamp;
    private long _payloadSum;
    private int _maxPayload;
    private int _firstDataStep = -1;
    private int _lastDataStep = -1;
    private bool _hasExceptionFlags;
    private bool _ecnChanges;
    private bool _fieldsDiffer;
    private bool _timestampPresenceDiffers;
    private bool _anyBadChecksum;
    private int _shouldBreaks;

    public int End => start + _count;
    public bool CanAppend => End < flow.Count;
    public SentInfo Next => flow[End];

    /// <summary>The run so far (O(1): it shares the steps read so far, which never change).</summary>
    public UnitSummary Summary() => new(
        flow, start, new ArraySegment<UnitStep>(_steps, 0, _count), _dataSegments, _dupAcks, _minTtl, _psh, _latestTimestamp,
        _payloadSum, _maxPayload, _firstDataStep < 0 ? _count : _firstDataStep, _lastDataStep,
        _hasExceptionFlags, _ecnChanges, _fieldsDiffer, _timestampPresenceDiffers, _anyBadChecksum, _shouldBreaks);

    /// <summary>Adds the flow's next frame to the run.</summary>
    public void Append()
    {
        var segment = flow[End];
        var packet = segment.Packet;
        var previous = _count == 0 ? null : _steps[_count - 1].Segment;
        var step = new UnitStep(segment, previous, _nextSeq, _unitAck, _dupAcks, _latestTimestamp, MergeBreaks.None, 0);
        var breaks = MergeBreaks.None;
        if (previous is null)
        {
            _nextSeq = unchecked(packet.Seq + (uint)packet.PayloadLength);
            _unitAck = packet.Ack;
            _unitWindow = packet.Window;
            _holdsData = segment.HasData;
            _minTtl = packet.TtlOrHopLimit;
        }
        else
        {
            breaks = Merge(segment, _steps[0].Segment, previous);
            _minTtl = Math.Min(_minTtl, packet.TtlOrHopLimit);
        }
        _psh |= (packet.Flags & TcpFlags.Psh) != 0;
        _hasExceptionFlags |= segment.Exception.Flags != 0;
        _anyBadChecksum |= segment.Exception.BadChecksum;
        if (segment.Timestamp is { } timestamp && (_latestTimestamp is null || !Serial.Before(timestamp.TsVal, _latestTimestamp.Timestamp!.Value.TsVal)))
        {
            _latestTimestamp = segment;
        }
        if (segment.HasData)
        {
            _dataSegments++;
            _payloadSum += packet.PayloadLength;
            _maxPayload = Math.Max(_maxPayload, packet.PayloadLength);
            _firstDataStep = _firstDataStep < 0 ? _count : _firstDataStep;
            _lastDataStep = _count;
        }
        _shouldBreaks += breaks.ShouldCount();
        int mustBefore = _count == 0 ? 0 : _steps[_count - 1].MustBreaksThrough;
        if (_count == _steps.Length)
        {
            // A new array: summaries handed out earlier keep the old one, whose steps never change.
            Array.Resize(ref _steps, _steps.Length * 2);
        }
        _steps[_count++] = step with { Breaks = breaks, MustBreaksThrough = mustBefore + breaks.MustCount() };
    }

    /// <summary>R's bookkeeping for a segment joining the unit, and what the merge breaks.</summary>
    private MergeBreaks Merge(SentInfo segment, SentInfo first, SentInfo previous)
    {
        var packet = segment.Packet;
        var breaks = MergeBreaks.None;
        if (_count == 1 && first.Exception.Kind != ExceptionKind.None)
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
            _ecnChanges = true;
        }
        if (!SameFields(packet, first.Packet))
        {
            breaks |= MergeBreaks.FieldsDiffer;
            _fieldsDiffer = true;
        }
        if ((segment.Timestamp is null) != (first.Timestamp is null))
        {
            breaks |= MergeBreaks.TimestampPresence;
            _timestampPresenceDiffers = true;
        }
        if (segment.HasData)
        {
            breaks |= (packet.Seq != _nextSeq ? MergeBreaks.NotContiguous : 0) | (_dupAcks > 0 ? MergeBreaks.DataAfterDupAck : 0);
            _nextSeq = unchecked(packet.Seq + (uint)packet.PayloadLength);
            _holdsData = true;
        }
        else if (segment.IsPureAck && packet.Ack != _unitAck)
        {
            breaks |= MergeBreaks.AdvancingAck;
        }
        else if (segment.IsPureAck && packet.Window == _unitWindow)
        {
            _dupAcks++;
            breaks |= _holdsData ? MergeBreaks.DupAckAfterData : 0;
        }
        if (segment.Timestamp is { } timestamp && _latestTimestamp is { } latest && Serial.Before(timestamp.TsVal, latest.Timestamp!.Value.TsVal))
        {
            breaks |= MergeBreaks.TimestampBack;
        }
        _unitAck = packet.Ack;
        _unitWindow = packet.Window;
        return breaks;
    }

    /// <summary>IP version, addresses, DSCP, DF and flow label: what IPH requires identical across a unit.</summary>
    private static bool SameFields(ParsedPacket packet, ParsedPacket first) =>
        packet.IpVersion == first.IpVersion && packet.Dscp == first.Dscp && packet.DontFragment == first.DontFragment &&
        packet.FlowLabel == first.FlowLabel &&
        packet.SourceAddress.AsSpan().SequenceEqual(first.SourceAddress) &&
        packet.DestinationAddress.AsSpan().SequenceEqual(first.DestinationAddress);
}
