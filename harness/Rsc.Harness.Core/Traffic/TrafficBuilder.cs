using Rsc.Harness.Core.Net;

namespace Rsc.Harness.Core.Traffic;

/// <summary>
/// Writes a case's traffic: flows, their segments and the schedule. By default every frame is due
/// <see cref="SpacingNs"/> after the previous one (100 us, the WHQL-like spacing).
/// </summary>
public sealed class TrafficBuilder
{
    public const long DefaultSpacingNs = 100_000;

    private readonly List<ScheduledFrame> _frames = [];
    private readonly Dictionary<string, string> _parameters = [];
    private long _nextOffsetNs;
    private int _flowCount;

    public TrafficBuilder(long spacingNs = DefaultSpacingNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spacingNs);
        SpacingNs = spacingNs;
    }

    /// <summary>Spacing applied after each frame; a case may change it between frames.</summary>
    public long SpacingNs { get; set; }

    public long NextOffsetNs => _nextOffsetNs;

    public int Count => _frames.Count;

    public FlowCursor Flow(FlowSpec spec) => new(this, spec, _flowCount++);

    public FlowCursor FlowV4(int index = 0) => Flow(FlowSpec.V4($"v4-{index}", index));

    public FlowCursor FlowV6(int index = 0) => Flow(FlowSpec.V6($"v6-{index}", index));

    /// <summary>Leaves an extra silence before the next frame.</summary>
    public TrafficBuilder Wait(long ns)
    {
        _nextOffsetNs += ns;
        return this;
    }

    /// <summary>Schedules the next frame at an absolute offset (not earlier than the last one).</summary>
    public TrafficBuilder At(long offsetNs)
    {
        _nextOffsetNs = Math.Max(offsetNs, _frames.Count == 0 ? 0 : _frames[^1].OffsetNs);
        return this;
    }

    public TrafficBuilder Parameter(string name, string value)
    {
        _parameters[name] = value;
        return this;
    }

    public ScheduledFrame Add(SegmentSpec segment, string label) => AddFrame(FrameBuilder.Build(segment), segment, label);

    /// <summary>Adds any bytes at all: malformed frames, non-TCP, replayed captures.</summary>
    public ScheduledFrame Raw(byte[] frame, string label) => AddFrame(frame, null, label);

    /// <summary>Adds a frame built from <paramref name="segment"/> and then changed by <paramref name="mangle"/>.</summary>
    public ScheduledFrame Mangled(SegmentSpec segment, string label, Func<byte[], byte[]> mangle) =>
        AddFrame(mangle(FrameBuilder.Build(segment)), null, label);

    public TrafficPlan Build() => new([.. _frames], SpacingNs, new Dictionary<string, string>(_parameters));

    private ScheduledFrame AddFrame(byte[] frame, SegmentSpec? segment, string label)
    {
        var f = new ScheduledFrame(_frames.Count, _nextOffsetNs, frame, segment, label);
        _frames.Add(f);
        _nextOffsetNs += SpacingNs;
        return f;
    }
}

/// <summary>
/// The sender's state for one flow: next sequence number, ACK, window, IP ID, timestamps. Each call
/// adds one frame to the schedule and advances the state the way a real sender would.
/// </summary>
public sealed class FlowCursor
{
    private readonly TrafficBuilder _traffic;

    internal FlowCursor(TrafficBuilder traffic, FlowSpec spec, int ordinal)
    {
        _traffic = traffic;
        Spec = spec;
        Ordinal = ordinal;
        NextSeq = 1_000_000u + (uint)(ordinal * 7_919);
        Ack = 5_000_000u + (uint)ordinal;
        IpId = (ushort)(100 + (ordinal * 1_000));
    }

    public FlowSpec Spec { get; }
    public int Ordinal { get; }
    public uint NextSeq { get; set; }
    public uint Ack { get; set; }
    public ushort Window { get; set; } = 65535;
    public ushort IpId { get; set; }
    public byte Ttl { get; set; } = 64;
    public byte Dscp { get; set; }
    public byte Ecn { get; set; }
    public uint FlowLabel { get; set; }

    /// <summary>When set, every segment carries NOP NOP TS with this TSval, incremented per segment.</summary>
    public uint? TsVal { get; set; }
    public uint TsEcr { get; set; } = 777;

    public FlowCursor WithTimestamps(uint firstTsVal = 1_000)
    {
        TsVal = firstTsVal;
        return this;
    }

    /// <summary>A payload whose bytes depend on the flow and the sequence number, so any loss, duplication or reordering shows.</summary>
    public byte[] PayloadFor(uint seq, int length)
    {
        var p = new byte[length];
        for (int i = 0; i < length; i++)
        {
            uint x = unchecked(seq + (uint)i);
            p[i] = (byte)((x * 31) ^ (x >> 8) ^ (uint)(Ordinal * 17));
        }
        return p;
    }

    /// <summary>The segment the sender would send next with <paramref name="length"/> payload bytes; not yet scheduled.</summary>
    public SegmentSpec Next(int length, TcpFlags flags = TcpFlags.Ack) => new()
    {
        Flow = Spec,
        Seq = NextSeq,
        Ack = Ack,
        Window = Window,
        Flags = flags,
        Payload = PayloadFor(NextSeq, length),
        Options = TsVal is { } ts ? TcpOption.AlignedTimestamp(ts, TsEcr) : [],
        IpId = IpId,
        Ttl = Ttl,
        Dscp = Dscp,
        Ecn = Ecn,
        FlowLabel = FlowLabel,
    };

    /// <summary>Schedules an in-order data segment and advances the sender.</summary>
    public ScheduledFrame Data(int length, Func<SegmentSpec, SegmentSpec>? change = null, string? label = null) =>
        Send(Next(length), change, label ?? $"data {length}");

    /// <summary>Schedules a pure ACK (no payload) with the flow's current ACK and window.</summary>
    public ScheduledFrame PureAck(Func<SegmentSpec, SegmentSpec>? change = null, string? label = null) =>
        Send(Next(0), change, label ?? "pure ACK");

    /// <summary>Schedules any segment built from the flow's state and advances the sender past it.</summary>
    public ScheduledFrame Send(SegmentSpec segment, Func<SegmentSpec, SegmentSpec>? change = null, string? label = null)
    {
        var s = change is null ? segment : change(segment);
        var frame = _traffic.Add(s, label ?? Describe(s));
        Advance(s);
        return frame;
    }

    /// <summary>Sends bytes already sent before (a retransmission) without moving the sender forward.</summary>
    public ScheduledFrame Retransmit(uint seq, int length, Func<SegmentSpec, SegmentSpec>? change = null)
    {
        var s = Next(0) with { Seq = seq, Payload = PayloadFor(seq, length) };
        s = change is null ? s : change(s);
        var frame = _traffic.Add(s, $"retransmit {length} @{seq}");
        IpId++;
        AdvanceTimestamp();
        return frame;
    }

    /// <summary>Skips <paramref name="length"/> bytes of sequence space (a lost segment).</summary>
    public FlowCursor Skip(int length)
    {
        NextSeq = unchecked(NextSeq + (uint)length);
        return this;
    }

    /// <summary>Schedules a frame derived from the next segment, then mangled into something malformed.</summary>
    public ScheduledFrame Malformed(int length, string label, Func<byte[], byte[]> mangle)
    {
        var frame = _traffic.Mangled(Next(length), label, mangle);
        IpId++;
        return frame;
    }

    private void Advance(SegmentSpec s)
    {
        NextSeq = s.NextSeq;
        Ack = s.Ack;
        Window = s.Window;
        IpId = unchecked((ushort)(s.IpId + 1));
        AdvanceTimestamp();
    }

    private void AdvanceTimestamp()
    {
        if (TsVal is { } ts)
        {
            TsVal = unchecked(ts + 1);
        }
    }

    private static string Describe(SegmentSpec s)
    {
        var flags = s.Flags & ~TcpFlags.Ack;
        string f = flags == TcpFlags.None ? "" : " " + flags.ToString().Replace(", ", "|", StringComparison.Ordinal).ToUpperInvariant();
        return s.PayloadLength > 0 ? $"data {s.PayloadLength}{f}" : $"ACK{f}";
    }
}
