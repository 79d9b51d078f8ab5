namespace Rsc.Harness.Core.Capture;

/// <summary>A frame as it actually went into the device: when (ns from the start of the run) and what.</summary>
/// <param name="Index">Index of the <see cref="Traffic.ScheduledFrame"/> it realises.</param>
/// <param name="ScheduledNs">The deadline the plan gave it.</param>
/// <param name="SentNs">When the adapter handed it to the device (virtual or real clock).</param>
public sealed record SentFrame(int Index, long ScheduledNs, long SentNs, byte[] Frame);
