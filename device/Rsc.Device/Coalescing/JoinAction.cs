namespace Rsc.Device.Coalescing;

/// <summary>What happens to a plain segment that meets its flow's open unit.</summary>
internal enum JoinAction : byte
{
    /// <summary>In-order data: the payload is appended.</summary>
    AppendData,

    /// <summary>Pure ACK with the unit's ACK number and a new window: absorbed, not counted.</summary>
    AbsorbWindowUpdate,

    /// <summary>Duplicate ACK on a unit of pure ACKs: absorbed and counted.</summary>
    AbsorbDupAck,

    /// <summary>Advancing pure ACK taken as a data segment (named fault only).</summary>
    AbsorbAsDataSegment,

    /// <summary>The unit is delivered and the segment opens a new unit of the same flow.</summary>
    DeliverAndRestart,

    /// <summary>The unit is delivered and the segment follows it alone, unchanged.</summary>
    DeliverThenSegmentAlone,
}

/// <summary>The decision for one segment: the action, the counter naming why, and whether it is an NDIS abort.</summary>
internal readonly record struct JoinDecision(JoinAction Action, RscCounter Reason, bool IsAbort)
{
    public static JoinDecision Append { get; } = new(JoinAction.AppendData, RscCounter.DataJoined, false);
    public static JoinDecision WindowUpdate { get; } = new(JoinAction.AbsorbWindowUpdate, RscCounter.WindowUpdate, false);
    public static JoinDecision DupAck { get; } = new(JoinAction.AbsorbDupAck, RscCounter.DupAck, false);
    public static JoinDecision AsDataSegment { get; } = new(JoinAction.AbsorbAsDataSegment, RscCounter.DataJoined, false);

    public static JoinDecision Restart(RscCounter reason, bool isAbort) => new(JoinAction.DeliverAndRestart, reason, isAbort);

    public static JoinDecision Alone(RscCounter reason) => new(JoinAction.DeliverThenSegmentAlone, reason, true);
}
