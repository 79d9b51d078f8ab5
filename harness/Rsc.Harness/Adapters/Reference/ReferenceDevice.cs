using System.Globalization;
using Rsc.Device;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Adapters.Reference;

/// <summary>
/// The reference engine in-process on virtual time: every frame enters the engine exactly at its
/// deadline and every delivery, timer-driven ones included, is stamped with the exact virtual time,
/// so results are the same on any machine under any load. One instance runs one plan.
/// </summary>
public sealed class ReferenceDevice : IDeviceUnderTest
{
    private readonly DeviceConfiguration _configuration;
    private readonly Func<TimeProvider, IGuestSink, IReferenceEngine> _createEngine;
    private int _runs;

    internal ReferenceDevice(DeviceInfo info, DeviceConfiguration configuration, Func<TimeProvider, IGuestSink, IReferenceEngine> createEngine)
    {
        Info = info;
        _configuration = configuration;
        _createEngine = createEngine;
    }

    public DeviceInfo Info { get; }

    public Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Interlocked.Increment(ref _runs) != 1)
        {
            throw new InvalidOperationException("a reference device instance runs one plan; create a new one per case");
        }
        // Off the caller's thread, so a runaway engine cannot stall the runner's timeout.
        return Task.Run(() => Run(plan, cancellationToken), cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DeviceCapture Run(TrafficPlan plan, CancellationToken cancellationToken)
    {
        var clock = new VirtualClock();
        var guest = new GuestRecorder(clock);
        var engine = Guard(() => _createEngine(clock, guest), "while starting");
        using (engine)
        {
            var sent = new List<SentFrame>(plan.Frames.Count);
            int offGrid = 0;
            foreach (var frame in plan.Frames)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Guard(() => clock.AdvanceTo(frame.OffsetNs), $"while waiting for frame {frame.Index}");
                long now = clock.ElapsedNs;
                if (now != frame.OffsetNs)
                {
                    offGrid++;
                }
                sent.Add(new SentFrame(frame.Index, frame.OffsetNs, now, frame.Frame));
                Guard(() => engine.Receive(frame.Frame), $"on frame {frame.Index} ({frame.Label})");
            }

            // Watch the guest side as long as a real device would get, then collect anything still held:
            // it arrives stamped at the end of observation, so the oracle reports it late, not lost.
            long endNs = plan.DurationNs + _configuration.DrainIntervalNs + _configuration.SettleNs;
            Guard(() => clock.AdvanceTo(endNs), "while draining after the last frame");
            int beforeFlush = guest.Frames.Count;
            Guard(engine.Flush, "on the final flush");
            int flushed = guest.Frames.Count - beforeFlush;
            var statistics = Guard(engine.Statistics, "while reading its statistics");

            var notes = new List<string>();
            if (offGrid > 0)
            {
                notes.Add($"{offGrid} frame(s) were due between clock ticks and were sent up to {VirtualClock.NanosecondsPerTick - 1} ns late (virtual time resolution)");
            }
            if (flushed > 0)
            {
                notes.Add($"{flushed} frame(s) were still held {_configuration.SettleNs / 1000} us past the drain interval and were flushed at the end of observation");
            }
            return new DeviceCapture(sent, [.. guest.Frames], TimingMode.Virtual, statistics, PacingReport.From(sent), clock.ElapsedNs, notes);
        }
    }

    /// <summary>An exception from inside the engine is the device breaking, never the runner.</summary>
    private static void Guard(Action action, string where) => Guard<object?>(() =>
    {
        action();
        return null;
    }, where);

    private static T Guard<T>(Func<T> action, string where)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is not (DeviceFailureException or OperationCanceledException))
        {
            throw new DeviceFailureException($"reference engine threw {e.GetType().Name} {where}: {e.Message}", e);
        }
    }

    internal static IReadOnlyDictionary<string, string> Parameters(DeviceConfiguration configuration, IReadOnlyList<string> faults, int maxCachedFlows) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["interval-us"] = Microseconds(configuration.DrainIntervalNs),
            ["settle-us"] = Microseconds(configuration.SettleNs),
            ["faults"] = faults.Count == 0 ? "none" : string.Join('+', faults),
            ["max-flows"] = maxCachedFlows.ToString(CultureInfo.InvariantCulture),
        };

    private static string Microseconds(long ns) => (ns / 1000.0).ToString(CultureInfo.InvariantCulture);
}
