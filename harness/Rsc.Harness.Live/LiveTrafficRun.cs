using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Live;

/// <summary>
/// Runs one case's traffic through a live device on the real clock: a dedicated thread paces the
/// frames into the device while another collects guest frames, each stamped on the same
/// <see cref="RunClock"/>; the guest side is watched until the device has had its drain interval
/// plus the settle time after the last frame.
/// </summary>
public static class LiveTrafficRun
{
    /// <summary>
    /// Time between starting the collector and the plan's offset 0: room for the threads to start
    /// and, in a fresh process, for the pacer's code to be compiled, so the first frames are on time.
    /// </summary>
    public const long LeadInNs = 10_000_000;

    /// <summary>
    /// After the drain window the guest side is watched on until it has been quiet this long, so a
    /// late frame is judged late (latency) rather than lost.
    /// </summary>
    public const long QuietNs = 50_000_000;

    /// <summary>The most the quiet watch extends the window.</summary>
    public const long MaxOverrunNs = 2_000_000_000;

    public static async Task<DeviceCapture> RunAsync(
        TrafficPlan plan,
        FrameSender send,
        IGuestFrameSource source,
        DeviceConfiguration configuration,
        CancellationToken cancellationToken,
        Func<string?>? deviceProblem = null,
        IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(configuration);
        // Once a device has a problem it keeps it; describing it can take a while (a dying process's
        // last output), so it is asked once and remembered.
        string? knownProblem = null;
        string? Problem()
        {
            if (Volatile.Read(ref knownProblem) is { } known)
            {
                return known;
            }
            var found = deviceProblem?.Invoke();
            return found is null ? null : Interlocked.CompareExchange(ref knownProblem, found, null) ?? found;
        }
        var clock = RunClock.StartNew();
        var guest = new List<GuestFrame>();
        long lastGuestNs = 0;
        int kernelStamped = 0;
        long readLagMaxNs = 0;
        Exception? collectorFailure = null;
        var stopCollecting = new ManualResetEventSlim();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var collector = new Thread(() =>
        {
            TimeCriticalThread.RaiseToRealTime();
            try
            {
                while (true)
                {
                    var item = source.Receive(stopCollecting.IsSet ? 0 : 5);
                    if (item is { } got)
                    {
                        long readNs = clock.NowNs;
                        long at = readNs;
                        if (source.DeliveredNotBeforeTimestamp is { } notBefore)
                        {
                            at = Math.Min(readNs, Math.Max(clock.ToNs(notBefore), Volatile.Read(ref lastGuestNs)));
                            kernelStamped++;
                            readLagMaxNs = Math.Max(readLagMaxNs, readNs - at);
                        }
                        guest.Add(new GuestFrame(guest.Count, at - LeadInNs, got.Header, got.Frame));
                        Volatile.Write(ref lastGuestNs, at);
                        continue;
                    }
                    if (stopCollecting.IsSet || linked.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                collectorFailure = e;
            }
        })
        {
            IsBackground = true,
            Name = "guest collector",
        };

        IReadOnlyList<SentFrame> sent = [];
        Exception? pacerFailure = null;
        long observationEnd = 0;
        long[] stealBefore = HostSteal.Snapshot();
        var pacer = new Thread(() =>
        {
            TimeCriticalThread.Raise();
            try
            {
                collector.Start();
                sent = FramePacer.Send(plan, clock, LeadInNs, send, linked.Token,
                    () => collectorFailure is not null || Problem() is not null);
                long lastSent = sent.Count == 0 ? 0 : sent[^1].SentNs;
                long watchUntil = LeadInNs + Math.Max(lastSent, plan.DurationNs) + configuration.DrainIntervalNs + configuration.SettleNs;
                bool Watching()
                {
                    long now = clock.NowNs;
                    long lastGuest = Volatile.Read(ref lastGuestNs);
                    // Silence so far: wait the whole overrun before calling the device hung.
                    long quietFor = lastGuest == 0 && sent.Count > 0 ? MaxOverrunNs : QuietNs;
                    return now < watchUntil
                        || (now - Math.Max(lastGuest, watchUntil) < quietFor && now < watchUntil + MaxOverrunNs);
                }
                while (Watching() && collectorFailure is null && Problem() is null)
                {
                    linked.Token.ThrowIfCancellationRequested();
                    Thread.Sleep(1);
                }
                observationEnd = clock.NowNs - LeadInNs;
            }
            catch (OperationCanceledException)
            {
                // Reported below from the caller's token.
            }
            catch (Exception e)
            {
                pacerFailure = e;
            }
            finally
            {
                stopCollecting.Set();
                if (collector.ThreadState != ThreadState.Unstarted)
                {
                    collector.Join();
                }
            }
        })
        {
            IsBackground = true,
            Name = "frame pacer",
            Priority = ThreadPriority.Highest,
        };
        pacer.Start();
        await Task.Run(pacer.Join, CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        if (Problem() is { } problem)
        {
            throw new DeviceFailureException(problem);
        }
        if (pacerFailure is QueueFullException or LiveSetupException)
        {
            // The device side refused a frame (queue full, interface gone): the device's failure.
            string? cause = Problem();
            throw new DeviceFailureException(cause is null ? pacerFailure.Message : $"{pacerFailure.Message}; {cause}", pacerFailure);
        }
        if (pacerFailure is not null)
        {
            throw pacerFailure;
        }
        if (collectorFailure is DeviceFailureException failure)
        {
            throw failure;
        }
        if (collectorFailure is not null)
        {
            throw new DeviceFailureException(collectorFailure.Message, collectorFailure);
        }
        long stolen = HostSteal.MaxStolenNs(stealBefore, HostSteal.Snapshot());
        var allNotes = new List<string>(notes ?? []);
        if (stolen > 0)
        {
            allNotes.Add($"the hypervisor took up to {stolen / 1_000_000} ms of CPU time from this machine while the traffic ran (host steal, /proc/stat)");
        }
        return new DeviceCapture(sent, guest, TimingMode.Real, null, PacingReport.From(sent), observationEnd, allNotes)
        {
            Conditions = new RealTimeConditions(stolen, kernelStamped, readLagMaxNs),
        };
    }
}
