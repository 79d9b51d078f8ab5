namespace Rsc.Harness.Core.Capture;

/// <summary>
/// What the machine did to a live run besides the device itself, measured so a late frame can be
/// told from a stalled machine and reported either way.
/// </summary>
/// <param name="HostStealNs">
/// Upper bound of the CPU time the hypervisor took from any one of this machine's CPUs while the
/// traffic ran (0 when none was seen). A device process on that CPU could not run meanwhile.
/// </param>
/// <param name="SourceStampedGuestFrames">Guest frames timed by their source (the kernel's receive stamp, a virtqueue poll) rather than by when the harness read them.</param>
/// <param name="GuestReadLagMaxNs">Longest time between such a stamp and the harness reading the frame.</param>
public sealed record RealTimeConditions(long HostStealNs, int SourceStampedGuestFrames, long GuestReadLagMaxNs);
