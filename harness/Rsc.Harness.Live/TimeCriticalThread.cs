using Rsc.Harness.Live.Linux;

namespace Rsc.Harness.Live;

/// <summary>
/// Scheduling for the live run's own threads (root may raise them; best effort otherwise).
/// The pacer spins, so it only gets nice -10: a spinning real-time thread could starve the device
/// it feeds. The guest collector sleeps until a frame arrives, so it may be real-time: a device
/// blocks on the guest socket while the collector lags (the socket holds few messages), and on a
/// small VM a woken normal thread can wait milliseconds for another's time slice to end.
/// </summary>
public static class TimeCriticalThread
{
    public const int Nice = -10;

    /// <summary>Low in the FIFO range: above every normal thread, below the kernel's own real-time threads.</summary>
    public const int RealTimePriority = 10;

    /// <summary>nice -10 for the calling thread; false when the system refused.</summary>
    public static bool Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        const int PrioProcess = 0;
        return LibC.setpriority(PrioProcess, LibC.gettid(), Nice) == 0;
    }

    /// <summary>
    /// SCHED_FIFO for the calling thread, which must block far more than it runs (the kernel's
    /// real-time throttling still leaves the rest of the machine 5 %); nice -10 when refused.
    /// </summary>
    public static unsafe bool RaiseToRealTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        int priority = RealTimePriority;
        return LibC.sched_setscheduler(LibC.gettid(), LibC.SCHED_FIFO, &priority) == 0 || Raise();
    }
}
