using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>
/// Raises the calling thread's scheduling priority (nice -10, allowed to root) so the pacer and the
/// guest collector keep their deadlines on a busy machine. Not a real-time class: a spinning
/// thread must never be able to starve the device it feeds.
/// </summary>
public static class TimeCriticalThread
{
    public const int Nice = -10;

    /// <summary>Best effort; returns false when the system refused.</summary>
    public static bool Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        const int PrioProcess = 0;
        return LibC.setpriority(PrioProcess, LibC.gettid(), Nice) == 0;
    }
}
