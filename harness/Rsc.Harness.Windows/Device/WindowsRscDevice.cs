using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Windows.Cim;
using Rsc.Harness.Windows.Rsc;

namespace Rsc.Harness.Windows.Device;

/// <summary>
/// One case on a Windows adapter's RSC: reads the adapter's RSC counters, sends the case's frames
/// from the injecting adapter at their deadlines, waits out the drain interval and the settle time,
/// and reads the counters again. The guest side is not captured — a capture driver on the judged
/// adapter switches its RSC off — so the capture carries the counters' difference only and says so.
/// </summary>
public sealed class WindowsRscDevice : IDeviceUnderTest
{
    /// <summary>What every capture of this device says about how it was judged.</summary>
    public const string CountersOnlyNote =
        "judged from the adapter's RSC counters only (MSFT_NetAdapterStatisticsSettingData.RscStatistics, read before and after the case): "
        + "the guest side cannot be captured without switching the adapter's RSC off, so every rule about guest frames is listed as not observed";

    /// <summary>Why counters can overcount.</summary>
    public const string AdapterWideNote =
        "the counters are adapter-wide: anything else the adapter received during the case is counted too";

    private readonly NetAdapterRsc _rsc;
    private readonly ICimSource _cim;
    private readonly IFrameInjector _injector;
    private readonly IPacedSender _sender;
    private readonly TimeProvider _clock;
    private readonly DeviceConfiguration _configuration;
    private readonly string _adapter;
    private readonly byte[]? _destinationMac;
    private int _disposed;

    internal WindowsRscDevice(DeviceInfo info, DeviceConfiguration configuration, ICimSource cim, string adapter, byte[]? destinationMac, IFrameInjector injector, IPacedSender sender, TimeProvider clock)
    {
        Info = info;
        _configuration = configuration;
        _cim = cim;
        _rsc = new NetAdapterRsc(cim);
        _adapter = adapter;
        _destinationMac = destinationMac;
        _injector = injector;
        _sender = sender;
        _clock = clock;
    }

    public DeviceInfo Info { get; }

    public async Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var addressed = Addressed(plan);
        var before = ReadCounters();
        var sent = await Task.Run(() => _sender.Send(addressed, _injector.Send, cancellationToken), cancellationToken).ConfigureAwait(false);
        long waitNs = _configuration.DrainIntervalNs + _configuration.SettleNs;
        await Task.Delay(TimeSpan.FromTicks(waitNs / 100), _clock, cancellationToken).ConfigureAwait(false);
        var after = ReadCounters();
        DeviceStatistics statistics;
        try
        {
            statistics = before.DeltaTo(after);
        }
        catch (InvalidOperationException e)
        {
            throw new DeviceFailureException($"windows: {e.Message}");
        }
        long lastSent = sent.Count == 0 ? 0 : sent[^1].SentNs;
        // The oracle judges what was sent; the destination MAC is the wire's business.
        var judged = _destinationMac is null ? sent : [.. sent.Select(s => s with { Frame = plan.Frames[s.Index].Frame })];
        return new DeviceCapture(judged, [], TimingMode.Real, statistics, PacingReport.From(sent), lastSent + waitNs,
            [CountersOnlyNote, AdapterWideNote, $"frames sent by {_injector.Description}"])
        {
            GuestObserved = false,
        };
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _injector.Dispose();
            _cim.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private RscCounters ReadCounters()
    {
        try
        {
            return _rsc.Counters(_adapter);
        }
        catch (Exception e) when (e is CimDataException or CimCallException)
        {
            throw new DeviceFailureException($"windows: cannot read the RSC counters of '{_adapter}': {e.Message}");
        }
    }

    /// <summary>The plan with each frame's destination MAC replaced, once, before the clock starts.</summary>
    private TrafficPlan Addressed(TrafficPlan plan)
    {
        if (_destinationMac is not { } mac)
        {
            return plan;
        }
        var frames = plan.Frames.Select(f =>
        {
            var copy = (byte[])f.Frame.Clone();
            mac.CopyTo(copy, 0);
            return f with { Frame = copy };
        }).ToList();
        return new TrafficPlan(frames, plan.SpacingNs, plan.Parameters);
    }
}
