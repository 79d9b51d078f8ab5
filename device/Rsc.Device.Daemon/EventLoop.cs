using System.Diagnostics;
using System.Runtime.Versioning;
using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon;

/// <summary>
/// A single-threaded event loop with microsecond timers: <c>ppoll</c> on the watched descriptors
/// and an eventfd (stop and wake requests), its timeout the next timer's due time in ns.
/// </summary>
/// <remarks>
/// Precision: the loop thread's timer slack is set to 1 ns (PR_SET_TIMERSLACK), so the kernel does
/// not defer the ppoll wake-up by the default 50 us; the loop asks ppoll to return a little before
/// the due time (a lead that follows the observed wake-up latency: it starts at 20 us and never
/// exceeds <see cref="SpinLimit"/>) and spins on <see cref="Stopwatch"/> for the rest, polling the
/// descriptors with a zero timeout meanwhile, so frames are not held back by the spin. Descriptor
/// handlers and timer callbacks run on the loop thread; an exception from either ends <see cref="Run"/>.
/// </remarks>
[SupportedOSPlatform("linux")]
public sealed unsafe class EventLoop : IDisposable
{
    /// <summary>Longest the loop busy-waits for a due timer instead of sleeping.</summary>
    public static readonly TimeSpan SpinLimit = TimeSpan.FromMicroseconds(30);

    private readonly List<Watcher> _watches = [];
    private readonly long _spinLimitTicks = StopwatchTicks.FromTimeSpan(SpinLimit);
    private int _eventFd;
    private volatile bool _stopRequested;
    private int _loopThreadId = -1;
    private long _leadTicks = StopwatchTicks.FromTimeSpan(SpinLimit) * 2 / 3;

    public EventLoop()
    {
        _eventFd = LibC.EventFd(0, LibC.EFD_NONBLOCK | LibC.EFD_CLOEXEC);
        if (_eventFd < 0)
        {
            throw new DaemonException($"eventfd failed: {LibC.Describe(LibC.LastError)}");
        }
        Time = new LoopTimeProvider(Wake, () => Environment.CurrentManagedThreadId == Volatile.Read(ref _loopThreadId));
    }

    /// <summary>The clock and timers of this loop.</summary>
    public LoopTimeProvider Time { get; }

    /// <summary>How much later than asked ppoll returned on a timeout (before the spin corrects it).</summary>
    public LatencyHistogram Oversleep { get; } = new();

    /// <summary>How long each descriptor handler ran (reading and coalescing what arrived).</summary>
    public LatencyHistogram Handling { get; } = new();

    /// <summary>Managed bytes the loop thread allocated while running (handlers and callbacks included); set when <see cref="Run"/> returns.</summary>
    public long AllocatedBytes { get; private set; }

    /// <summary>
    /// Calls <paramref name="onReady"/> with the returned poll events whenever <paramref name="fd"/>
    /// is ready for <paramref name="events"/> (or reports an error or hang-up). Only before <see cref="Run"/>.
    /// </summary>
    public void Watch(int fd, short events, Action<short> onReady)
    {
        ArgumentNullException.ThrowIfNull(onReady);
        if (Volatile.Read(ref _loopThreadId) != -1)
        {
            throw new InvalidOperationException("descriptors are watched before the loop runs");
        }
        _watches.Add(new Watcher(fd, events, onReady));
    }

    /// <summary>Asks the loop to return from <see cref="Run"/>; any thread, any number of times.</summary>
    public void Stop()
    {
        _stopRequested = true;
        Wake();
    }

    /// <summary>Runs on the calling thread until <see cref="Stop"/>, or until a handler or callback throws.</summary>
    public void Run()
    {
        if (Interlocked.CompareExchange(ref _loopThreadId, Environment.CurrentManagedThreadId, -1) != -1)
        {
            throw new InvalidOperationException("the loop runs once, on one thread");
        }
        int previousSlack = LibC.Prctl(LibC.PR_GET_TIMERSLACK, 0, 0, 0, 0);
        LibC.Prctl(LibC.PR_SET_TIMERSLACK, 1, 0, 0, 0);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            Loop();
        }
        finally
        {
            AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (previousSlack > 0)
            {
                LibC.Prctl(LibC.PR_SET_TIMERSLACK, (nuint)previousSlack, 0, 0, 0);
            }
        }
    }

    private void Loop()
    {
        int count = _watches.Count + 1;
        var fds = new PollFd[count];
        fds[0] = new PollFd { Fd = _eventFd, Events = LibC.POLLIN };
        for (int i = 1; i < count; i++)
        {
            fds[i] = new PollFd { Fd = _watches[i - 1].Fd, Events = _watches[i - 1].Events };
        }
        bool timedOut = false;
        fixed (PollFd* pollFds = fds)
        {
            while (!_stopRequested)
            {
                long due = Time.RunDue(Stopwatch.GetTimestamp());
                if (_stopRequested)
                {
                    break;
                }
                Timespec timeout;
                Timespec* timeoutPointer = null;
                long sleepTicks = 0;
                if (due != LoopTimeProvider.Never)
                {
                    long remaining = due - Stopwatch.GetTimestamp();
                    if (remaining <= 0)
                    {
                        continue;
                    }
                    if (remaining <= _leadTicks || (timedOut && remaining <= _spinLimitTicks))
                    {
                        // Close to due: spin, polling the descriptors without blocking, so a frame that
                        // arrives before the due time is still handled before the timer fires.
                        timeout = default;
                    }
                    else
                    {
                        sleepTicks = remaining - _leadTicks;
                        timeout = Timespec.FromNanoseconds(StopwatchTicks.ToNanoseconds(sleepTicks));
                    }
                    timeoutPointer = &timeout;
                }
                for (int i = 0; i < count; i++)
                {
                    pollFds[i].ReturnedEvents = 0;
                }
                long before = Stopwatch.GetTimestamp();
                int ready = LibC.PPoll(pollFds, (nuint)count, timeoutPointer, null);
                if (ready < 0)
                {
                    int errno = LibC.LastError;
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }
                    throw new DaemonException($"ppoll failed: {LibC.Describe(errno)}");
                }
                timedOut = ready == 0;
                if (timedOut)
                {
                    if (sleepTicks > 0)
                    {
                        LearnOversleep(Stopwatch.GetTimestamp() - before - sleepTicks);
                    }
                    continue;
                }
                if (pollFds[0].ReturnedEvents != 0)
                {
                    DrainEventFd();
                }
                for (int i = 1; i < count && !_stopRequested; i++)
                {
                    short events = pollFds[i].ReturnedEvents;
                    if (events != 0)
                    {
                        long started = Stopwatch.GetTimestamp();
                        _watches[i - 1].OnReady(events);
                        Handling.Record(Stopwatch.GetTimestamp() - started);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Follows the wake-up latency with a moving average (1/8 weight), so the loop asks to wake that
    /// much early and spins the rest; capped at <see cref="SpinLimit"/> so a stall cannot make it spin long.
    /// </summary>
    private void LearnOversleep(long oversleepTicks)
    {
        Oversleep.Record(oversleepTicks);
        long sample = Math.Clamp(oversleepTicks, 0, _spinLimitTicks);
        _leadTicks += (sample - _leadTicks) / 8;
    }

    private void Wake()
    {
        ulong one = 1;
        int fd = Volatile.Read(ref _eventFd);
        if (fd >= 0)
        {
            // A full counter (EAGAIN) already means "wake up"; nothing else can fail here.
            LibC.Write(fd, (byte*)&one, sizeof(ulong));
        }
    }

    private void DrainEventFd()
    {
        ulong value;
        LibC.Read(_eventFd, (byte*)&value, sizeof(ulong));
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _eventFd, -1);
        if (fd >= 0)
        {
            LibC.Close(fd);
        }
    }

    private readonly record struct Watcher(int Fd, short Events, Action<short> OnReady);
}
