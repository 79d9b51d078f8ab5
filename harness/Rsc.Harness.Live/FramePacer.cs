using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Live;

/// <summary>Hands one frame to a device's network side.</summary>
public delegate void FrameSender(ReadOnlySpan<byte> frame);

/// <summary>
/// Sends a plan's frames at absolute deadlines on the run's clock, busy-spinning for the last
/// stretch (Thread.Sleep cannot hit 100 us), and records when each send actually returned. Absolute
/// deadlines mean a stall is followed by a catch-up burst rather than a drift; the measured gaps
/// (<see cref="PacingReport"/>) show both.
/// </summary>
public static class FramePacer
{
    /// <summary>Below this distance to a deadline the pacer spins instead of sleeping.</summary>
    public const long SpinThresholdNs = 2_000_000;

    /// <param name="startNs">Run-clock time of the plan's offset 0.</param>
    /// <param name="abort">Polled while waiting; a non-null reason stops the pacer (for example the device died).</param>
    public static IReadOnlyList<SentFrame> Send(
        TrafficPlan plan,
        RunClock clock,
        long startNs,
        FrameSender send,
        CancellationToken cancellationToken,
        Func<bool>? abort = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(send);
        var sent = new List<SentFrame>(plan.Frames.Count);
        foreach (var frame in plan.Frames)
        {
            long deadline = startNs + frame.OffsetNs;
            if (!WaitUntil(clock, deadline, cancellationToken, abort))
            {
                break;
            }
            // Stamped when the frame is handed over: the device cannot have it earlier, so a delivery
            // is never seen before its send even when this thread is preempted inside send().
            long handedAt = clock.NowNs;
            send(frame.Frame);
            sent.Add(new SentFrame(frame.Index, frame.OffsetNs, handedAt - startNs, frame.Frame));
        }
        return sent;
    }

    /// <summary>Waits for <paramref name="deadlineNs"/>; false when aborted.</summary>
    public static bool WaitUntil(RunClock clock, long deadlineNs, CancellationToken cancellationToken, Func<bool>? abort = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        long checkedAt = long.MinValue;
        while (true)
        {
            long now = clock.NowNs;
            if (now >= deadlineNs)
            {
                return true;
            }
            if (now - checkedAt > 1_000_000)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (abort?.Invoke() == true)
                {
                    return false;
                }
                checkedAt = now;
            }
            long left = deadlineNs - now;
            if (left > SpinThresholdNs)
            {
                Thread.Sleep((int)Math.Min(50, (left - SpinThresholdNs) / 1_000_000 + 1));
            }
        }
    }
}
