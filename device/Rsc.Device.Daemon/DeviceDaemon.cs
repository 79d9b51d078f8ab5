using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Device.Daemon.Linux;

namespace Rsc.Device.Daemon;

/// <summary>
/// The reference device as a daemon: frames read from a TAP go through <see cref="RscEngine"/> on the
/// real clock, and every guest frame (virtio_net_hdr_v1 + Ethernet frame) goes to the guest socket.
/// </summary>
[SupportedOSPlatform("linux")]
public static class DeviceDaemon
{
    /// <summary>Exit code after a clean stop.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a runtime failure: TAP, guest socket, system call.</summary>
    public const int Failure = 1;

    /// <summary>
    /// Attaches to the TAP, connects to the guest socket and runs until <paramref name="stop"/> is
    /// cancelled; then flushes what the engine holds to the socket and closes both.
    /// Writes one startup line, one closing line and any failure to <paramref name="log"/>, each
    /// prefixed "rsc device: ".
    /// </summary>
    /// <returns><see cref="Success"/> after a requested stop; <see cref="Failure"/> on any runtime failure.</returns>
    public static int Run(DaemonOptions options, TextWriter log, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            RunUntilStopped(options, log, stop);
            return Success;
        }
        catch (DaemonException e)
        {
            Write(log, e.Message);
            return Failure;
        }
    }

    private static void RunUntilStopped(DaemonOptions options, TextWriter log, CancellationToken stop)
    {
        using var loop = new EventLoop();
        // Before attaching: no frame waits for the JIT, and a peer that sees the connection knows the device is ready.
        EngineWarmUp.Run(options.EngineOptions(), loop.Time);
        // Start serving with an empty young generation: otherwise the first real unit's buffer
        // allocation is the one that pays for collecting the warm-up's garbage (about a millisecond).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        using var tap = TapFile.Attach(options.Tap);
        using var socket = SeqPacketClient.Connect(options.GuestSocket);
        var sink = new GuestSocketSink(socket);
        var engine = new RscEngine(options.EngineOptions(), loop.Time, sink);
        var receiver = new TapReceiver(tap, engine, message => Write(log, message));
        Exception? failure = null;
        try
        {
            var peerScratch = new byte[256];
            // First calls of the system-call stubs, harmless here (nothing waits, so EAGAIN), not on the first frame.
            receiver.Poll();
            socket.CheckPeer(peerScratch);
            loop.Watch(tap.Descriptor, LibC.POLLIN, receiver.OnReady);
            loop.Watch(socket.Descriptor, LibC.POLLIN, _ => socket.CheckPeer(peerScratch));

            Write(log, string.Create(CultureInfo.InvariantCulture,
                $"tap {tap.Name} (vnet header {TapFile.VnetHeaderSize}), guest socket {socket.Path}, interval {FormatUs(options.IntervalNs)}, faults {options.FaultText()}, max flows {options.MaxFlows}"));

            var thread = new Thread(() =>
            {
                RaiseLoopThread();
                try
                {
                    loop.Run();
                    // Stop requested: no more reading; what the engine holds goes to the guest now.
                    engine.Flush();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            })
            {
                Name = "rsc-device-loop",
                IsBackground = true,
            };
            // The first sleep with a timeout oversleeps by up to a millisecond on some hosts; a few
            // throwaway timers take that hit before the first frame arrives.
            var primers = new ITimer[5];
            for (int i = 0; i < primers.Length; i++)
            {
                primers[i] = loop.Time.CreateTimer(static _ => { }, null, TimeSpan.FromMicroseconds(300 * (i + 1)), Timeout.InfiniteTimeSpan);
            }
            using (stop.Register(loop.Stop))
            {
                thread.Start();
                thread.Join();
            }
            foreach (var primer in primers)
            {
                primer.Dispose();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            Dispose(engine, sink, failure);
        }
        // Also after a failure (usually: the guest went away first): the figures say how the run went.
        Write(log, string.Create(CultureInfo.InvariantCulture,
            $"{(failure is null ? "stopped" : "ended")}: {receiver.Received} frame(s) from the tap, {sink.Delivered} delivered to the guest, {receiver.Dropped} dropped; timer lateness {loop.Time.Lateness.Summary()}; timer callbacks {loop.Time.CallbackTime.Summary()}; ppoll oversleep {loop.Oversleep.Summary()}; handlers {loop.Handling.Summary()}; guest sends {sink.SendTime.Summary()}; loop allocated {loop.AllocatedBytes} bytes; collections gen0 {GC.CollectionCount(0) - collectionsBefore[0]}, gen1 {GC.CollectionCount(1) - collectionsBefore[1]}, gen2 {GC.CollectionCount(2) - collectionsBefore[2]}"));
        if (failure is not null)
        {
            if (failure is DaemonException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
            throw new DaemonException($"internal error: {failure.GetType().Name}: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// Disposes the engine, which delivers anything still cached. After a failure that is best effort:
    /// nothing more goes to a peer that is gone, and a second error never hides the first.
    /// </summary>
    private static void Dispose(RscEngine engine, GuestSocketSink sink, Exception? failure)
    {
        if (failure is GuestPeerGoneException)
        {
            sink.Abandon();
        }
        try
        {
            engine.Dispose();
        }
        catch (DaemonException) when (failure is not null)
        {
        }
    }

    /// <summary>
    /// The loop sleeps in ppoll almost all the time and spins at most a few tens of microseconds, so
    /// it may run in the real-time FIFO class (root may): woken by a frame or a timer it gets the CPU
    /// at once instead of waiting out another thread's time slice, which on a small VM is
    /// milliseconds. The kernel's real-time throttling still leaves the rest of the machine 5 %.
    /// Best effort: without the privilege, nice -10, and without that, as is.
    /// </summary>
    private static unsafe void RaiseLoopThread()
    {
        int tid = LibC.GetThreadId();
        int priority = LoopRealTimePriority;
        if (LibC.SetScheduler(tid, LibC.SCHED_FIFO, &priority) != 0)
        {
            _ = LibC.SetPriority(0, tid, -10);
        }
    }

    /// <summary>Low in the FIFO range: above every normal thread, below the kernel's own real-time threads.</summary>
    public const int LoopRealTimePriority = 10;

    private static string FormatUs(long ns) => string.Create(CultureInfo.InvariantCulture, $"{ns / 1000.0:0.###} us");

    private static void Write(TextWriter log, string message)
    {
        log.WriteLine($"rsc device: {message.ReplaceLineEndings(" ")}");
        log.Flush();
    }
}
