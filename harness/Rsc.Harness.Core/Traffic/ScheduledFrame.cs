namespace Rsc.Harness.Core.Traffic;

/// <summary>One frame of a case's traffic: when it is due (ns from the start of the run) and its bytes.</summary>
/// <param name="Index">Position in the plan, 0-based; findings refer to sent frames by it.</param>
/// <param name="OffsetNs">Deadline relative to the start of the run.</param>
/// <param name="Frame">The Ethernet frame exactly as it goes on the wire.</param>
/// <param name="Segment">The model it was built from; null for raw or malformed frames.</param>
/// <param name="Label">A short human description for wire logs ("data 1448", "FIN", "truncated").</param>
public sealed record ScheduledFrame(int Index, long OffsetNs, byte[] Frame, SegmentSpec? Segment, string Label);
