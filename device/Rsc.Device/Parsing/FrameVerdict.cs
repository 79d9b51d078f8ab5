namespace Rsc.Device.Parsing;

/// <summary>What the engine may do with a received frame.</summary>
internal enum FrameVerdict : byte
{
    /// <summary>No readable TCP header: belongs to no flow; delivered unchanged.</summary>
    NoFlow,

    /// <summary>A flow can be named but the frame may not be coalesced: the flow's unit goes first, then the frame unchanged.</summary>
    Exception,

    /// <summary>A plain TCP segment with verified checksums: may open or join a unit.</summary>
    Candidate,

    /// <summary>
    /// Everything verified but the payload's share of the TCP checksum, which is summed while the
    /// payload is copied anyway (<see cref="SegmentParser.CompletePayloadChecksum"/>) so it is read once.
    /// </summary>
    ChecksumPending,
}
