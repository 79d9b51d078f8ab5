using Rsc.Device.Coalescing;
using Rsc.Device.Delivery;
using Rsc.Device.Flows;
using Rsc.Device.Net;
using Rsc.Device.Parsing;

namespace Rsc.Device;

/// <summary>
/// The reference RSC engine: receives Ethernet frames from the wire, coalesces plain in-order TCP
/// segments per flow, and hands every result to the guest sink with its virtio_net_hdr_v1.
/// </summary>
/// <remarks>
/// Structure follows the seed device: one chain per protocol, one cached unit per flow, a drain
/// timer per chain. <see cref="Receive"/>, <see cref="Flush"/> and the timer may run on different
/// threads; one lock serialises them and the sink is called under it (so the sink must not call
/// back into the engine).
/// </remarks>
public sealed class RscEngine : IDisposable
{
    private const int InitialScratchBytes = 2048;

    private readonly Lock _gate = new();
    private readonly RscEngineOptions _options;
    private readonly IGuestSink _sink;
    private readonly RscFault _faults;
    private readonly FlowTable _flows;
    private readonly UnitPool _pool;
    private readonly RscChain _ipv4;
    private readonly RscChain _ipv6;
    private byte[] _scratch = new byte[InitialScratchBytes];
    private bool _disposed;

    public RscEngine(RscEngineOptions options, TimeProvider timeProvider, IGuestSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _options = options;
        _sink = sink;
        _faults = options.Faults;
        Statistics = new RscStatistics(_gate);
        _flows = new FlowTable(options.MaxCachedFlows, (ulong)Random.Shared.NextInt64());
        _pool = new UnitPool(options.MaxCachedFlows, options.Faults);
        _ipv4 = new RscChain(ipv6: false, options.MaxCachedFlows, timeProvider, OnDrainTimer);
        _ipv6 = new RscChain(ipv6: true, options.MaxCachedFlows, timeProvider, OnDrainTimer);
    }

    public RscEngineOptions Options => _options;

    /// <summary>Processes one Ethernet frame from the wire. Never throws on malformed input.</summary>
    public void Receive(ReadOnlySpan<byte> frame)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Statistics.Count(RscCounter.Received);
            var segment = SegmentParser.Parse(frame, _faults);
            if (segment.Verdict == FrameVerdict.ChecksumPending)
            {
                if (TryAppendInOnePass(ref segment))
                {
                    return;
                }
                if (segment.Verdict == FrameVerdict.ChecksumPending)
                {
                    // Not a plain append (or no unit yet): verify the payload on its own, as before.
                    SegmentParser.VerifyPayloadChecksum(ref segment, _faults);
                }
            }
            switch (segment.Verdict)
            {
                case FrameVerdict.Candidate:
                    Coalesce(ref segment);
                    break;
                case FrameVerdict.Exception:
                    DeliverFlowException(ref segment);
                    break;
                default:
                    CountException(segment.Reason);
                    DeliverUnchanged(frame, flags: 0);
                    break;
            }
        }
    }

    /// <summary>Delivers everything cached, now.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            FlushAll();
        }
    }

    /// <summary>Units currently cached (one per flow).</summary>
    public int CachedUnits
    {
        get
        {
            lock (_gate)
            {
                return _ipv4.Count + _ipv6.Count;
            }
        }
    }

    public RscStatistics Statistics { get; }

    /// <summary>Delivers what is still cached, then stops the drain timers.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            try
            {
                FlushAll();
            }
            finally
            {
                _disposed = true;
                _ipv4.Dispose();
                _ipv6.Dispose();
            }
        }
    }

    /// <summary>
    /// The common case, data joining its flow's unit, with the payload verified while it is copied
    /// (one pass, not two). JoinRules only decides, so deciding before the checksum is known changes
    /// nothing; a bad checksum leaves the verdict an exception and the unit untouched.
    /// </summary>
    private bool TryAppendInOnePass(ref TcpSegmentView segment)
    {
        if (segment.PayloadLength == 0)
        {
            return false;
        }
        var unit = _flows.Find(segment.Flow);
        if (unit is null)
        {
            return false;
        }
        var decision = JoinRules.Decide(unit, ref segment, _faults, _options.MaxIpDatagram);
        if (decision.Action != JoinAction.AppendData)
        {
            return false;
        }
        SegmentParser.CompletePayloadChecksum(ref segment, unit.CopyPayloadToTail(ref segment), _faults);
        if (segment.Verdict != FrameVerdict.Candidate)
        {
            return false;
        }
        if (decision.IsAbort)
        {
            Statistics.CountAbort();
        }
        unit.CommitAppend(ref segment);
        Statistics.Count(decision.Reason);
        return true;
    }

    private void Coalesce(ref TcpSegmentView segment)
    {
        var unit = _flows.Find(segment.Flow);
        if (unit is null)
        {
            OpenUnit(ref segment);
            return;
        }
        var decision = JoinRules.Decide(unit, ref segment, _faults, _options.MaxIpDatagram);
        if (decision.IsAbort)
        {
            Statistics.CountAbort();
        }
        switch (decision.Action)
        {
            case JoinAction.AppendData:
                unit.AppendData(ref segment);
                Statistics.Count(decision.Reason);
                break;
            case JoinAction.AbsorbWindowUpdate:
                unit.AbsorbWindowUpdate(ref segment);
                Statistics.Count(decision.Reason);
                break;
            case JoinAction.AbsorbDupAck:
                unit.AbsorbDupAck(ref segment);
                Statistics.Count(decision.Reason);
                break;
            case JoinAction.AbsorbAsDataSegment:
                unit.AbsorbAsDataSegment(ref segment);
                Statistics.Count(decision.Reason);
                break;
            case JoinAction.DeliverAndRestart:
                DeliverUnit(unit, decision.Reason);
                unit.Start(ref segment);
                Statistics.Count(RscCounter.UnitsStarted);
                break;
            case JoinAction.DeliverThenSegmentAlone:
                if (OvertakesHeldUnit(ref segment))
                {
                    DeliverVerifiedAlone(segment.Frame);
                    EndUnit(unit, decision.Reason);
                    break;
                }
                EndUnit(unit, decision.Reason);
                DeliverVerifiedAlone(segment.Frame);
                break;
        }
    }

    private void OpenUnit(ref TcpSegmentView segment)
    {
        if (!_pool.TryRent(out var unit))
        {
            Statistics.Count(RscCounter.ResourceShortage);
            Statistics.CountAbort();
            DeliverVerifiedAlone(segment.Frame);
            return;
        }
        unit.Start(ref segment);
        _flows.Add(segment.Flow, unit);
        var chain = segment.IsIpv6 ? _ipv6 : _ipv4;
        chain.Add(unit);
        Statistics.Count(RscCounter.UnitsStarted);
        ArmDrainTimer(chain);
    }

    /// <summary>A frame of a known flow that may not be coalesced: the flow's unit first, then the frame, unchanged.</summary>
    private void DeliverFlowException(ref TcpSegmentView segment)
    {
        CountException(segment.Reason);
        var unit = _flows.Find(segment.Flow);
        bool finFirst = ((_faults & RscFault.FinBeforeData) != 0 && (segment.TcpFlags & TcpFlagBits.Fin) != 0)
            || OvertakesHeldUnit(ref segment);
        if (finFirst)
        {
            DeliverUnchanged(segment.Frame, flags: 0);
        }
        if (unit is not null)
        {
            EndUnit(unit, RscCounter.FinalFlowException);
        }
        if (!finFirst)
        {
            DeliverUnchanged(segment.Frame, flags: 0);
        }
    }

    /// <summary>Under the named fault, a PSH or FIN segment that cannot join goes out before its flow's unit.</summary>
    private bool OvertakesHeldUnit(ref TcpSegmentView segment) =>
        (_faults & RscFault.FlaggedOvertakesHeld) != 0 && (segment.TcpFlags & (TcpFlagBits.Psh | TcpFlagBits.Fin)) != 0;

    private void CountException(RscCounter reason)
    {
        Statistics.Count(reason);
        if (IsNeverCoalescible(reason))
        {
            Statistics.CountAbort();
        }
    }

    /// <summary>Segments the rules exclude outright (E); malformed or non-TCP frames are not exceptions of any flow.</summary>
    private static bool IsNeverCoalescible(RscCounter reason) => reason is RscCounter.BypassIpFragment
        or RscCounter.BypassIpv4Options
        or RscCounter.BypassIpv6ExtensionHeaders
        or RscCounter.BypassBadChecksum
        or RscCounter.BypassTcpOptions
        or RscCounter.FinalTcpFlags;

    private void ArmDrainTimer(RscChain chain)
    {
        if (chain.TimerArmed || (_faults & RscFault.TimerNeverFires) != 0)
        {
            return;
        }
        // Armed only while idle, i.e. when the chain was empty: the first cached unit sets the deadline
        // and the drain takes everything, so nothing waits longer than one interval.
        chain.TimerArmed = true;
        chain.DrainTimer.Change(_options.DrainInterval, Timeout.InfiniteTimeSpan);
    }

    private void OnDrainTimer(object? state)
    {
        var chain = (RscChain)state!;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            chain.TimerArmed = false;
            DrainChain(chain, RscCounter.FinalTimer);
        }
    }

    private void FlushAll()
    {
        foreach (var chain in (ReadOnlySpan<RscChain>)[_ipv4, _ipv6])
        {
            DrainChain(chain, RscCounter.FinalFlush);
            if (chain.TimerArmed)
            {
                chain.TimerArmed = false;
                chain.DrainTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void DrainChain(RscChain chain, RscCounter reason)
    {
        int delivered = 0;
        try
        {
            for (; delivered < chain.Count; delivered++)
            {
                var unit = chain[delivered];
                DeliverUnit(unit, reason);
                _flows.Remove(unit.Flow);
            }
        }
        finally
        {
            for (int i = 0; i < delivered; i++)
            {
                _pool.Return(chain[i]);
            }
            chain.RemoveFirst(delivered);
        }
    }

    /// <summary>Delivers a unit and forgets its flow.</summary>
    private void EndUnit(CoalescingUnit unit, RscCounter reason)
    {
        DeliverUnit(unit, reason);
        _flows.Remove(unit.Flow);
        unit.Chain!.Remove(unit);
        _pool.Return(unit);
    }

    private void DeliverUnit(CoalescingUnit unit, RscCounter reason)
    {
        Statistics.Count(reason);
        int length;
        if (unit.IsCoalesced)
        {
            length = CoalescedFrameBuilder.Build(unit, _faults);
            Statistics.CountCoalescedUnit(unit.DataSegments, unit.PayloadBytes);
        }
        else
        {
            // One segment, nothing absorbed: the original frame, padding and all.
            length = CoalescingUnit.HeaderRoom + unit.OriginalLength;
            WriteVerifiedHeader(unit.Buffer);
        }
        Statistics.Count(RscCounter.Delivered);
        _sink.Deliver(unit.Buffer.AsSpan(0, length));
    }

    /// <summary>A plain segment with verified checksums, delivered alone and unchanged.</summary>
    private void DeliverVerifiedAlone(ReadOnlySpan<byte> frame)
    {
        var delivery = PrepareScratch(frame);
        WriteVerifiedHeader(delivery);
        Statistics.Count(RscCounter.Delivered);
        _sink.Deliver(delivery);
    }

    private void DeliverUnchanged(ReadOnlySpan<byte> frame, byte flags)
    {
        var delivery = PrepareScratch(frame);
        VirtioNetHeaderWriter.WritePlain(delivery, flags);
        Statistics.Count(RscCounter.Delivered);
        _sink.Deliver(delivery);
    }

    private void WriteVerifiedHeader(Span<byte> destination)
    {
        if ((_faults & RscFault.RscInfoOnSingle) != 0)
        {
            VirtioNetHeaderWriter.Write(
                destination,
                VirtioNetHeaderWriter.FlagDataValid | VirtioNetHeaderWriter.FlagRscInfo,
                VirtioNetHeaderWriter.GsoNone,
                headerLength: 0,
                gsoSize: 0,
                csumStart: 1,
                csumOffset: 0);
            return;
        }
        // Both checksums were verified on arrival, so the guest may skip them.
        VirtioNetHeaderWriter.WritePlain(destination, VirtioNetHeaderWriter.FlagDataValid);
    }

    /// <summary>Copies a frame behind room for its virtio header in the reusable delivery buffer.</summary>
    private Span<byte> PrepareScratch(ReadOnlySpan<byte> frame)
    {
        int length = VirtioNetHeaderWriter.Size + frame.Length;
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }
        frame.CopyTo(_scratch.AsSpan(VirtioNetHeaderWriter.Size));
        return _scratch.AsSpan(0, length);
    }
}
