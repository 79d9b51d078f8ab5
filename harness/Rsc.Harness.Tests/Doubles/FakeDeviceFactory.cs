using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Tests.Doubles;

/// <summary>How a <see cref="FakeDevice"/> misbehaves, if at all.</summary>
public enum FakeBehaviour
{
    /// <summary>Delivers every frame unchanged, alone, the moment it is sent.</summary>
    Echo,
    /// <summary>RunAsync throws an ordinary exception.</summary>
    Throw,
    /// <summary>RunAsync throws <see cref="DeviceFailureException"/>.</summary>
    Fail,
    /// <summary>RunAsync never completes and ignores cancellation.</summary>
    Hang,
    /// <summary>CreateAsync throws.</summary>
    CreateThrows,
    /// <summary>Echoes, then DisposeAsync throws.</summary>
    DisposeThrows,
}

/// <summary>A device that needs no engine: echoes or breaks on demand, and counts what happened to it.</summary>
internal sealed class FakeDeviceFactory(FakeBehaviour behaviour = FakeBehaviour.Echo, DeviceCapabilities? capabilities = null) : IDeviceFactory
{
    private int _created;
    private int _disposed;

    public string Name => "fake";

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    public List<DeviceConfiguration> Configurations { get; } = [];

    /// <summary>An interval the device's own options pin (as qemu:interval-us=N does); null: the run's.</summary>
    public long? DrainIntervalNs { get; init; }

    public Task<IDeviceUnderTest> CreateAsync(DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        if (behaviour == FakeBehaviour.CreateThrows)
        {
            throw new InvalidOperationException("no such device");
        }
        Interlocked.Increment(ref _created);
        lock (Configurations)
        {
            Configurations.Add(configuration);
        }
        var info = new DeviceInfo("fake", "fake", "1.0", TimingMode.Virtual, capabilities ?? DeviceCapabilities.Full,
            new Dictionary<string, string> { ["interval-us"] = (configuration.DrainIntervalNs / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return Task.FromResult<IDeviceUnderTest>(new FakeDevice(info, behaviour, () => Interlocked.Increment(ref _disposed)));
    }
}

internal sealed class FakeDevice(DeviceInfo info, FakeBehaviour behaviour, Action onDispose) : IDeviceUnderTest
{
    public DeviceInfo Info => info;

    public async Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken)
    {
        switch (behaviour)
        {
            case FakeBehaviour.Throw:
                throw new InvalidOperationException("boom");
            case FakeBehaviour.Fail:
                throw new DeviceFailureException("link down");
            case FakeBehaviour.Hang:
                await Task.Delay(Timeout.Infinite, CancellationToken.None);
                break;
        }
        return Echo(plan);
    }

    public static DeviceCapture Echo(TrafficPlan plan)
    {
        var sent = plan.Frames.Select(f => new SentFrame(f.Index, f.OffsetNs, f.OffsetNs, f.Frame)).ToList();
        var guest = plan.Frames.Select(f => new GuestFrame(f.Index, f.OffsetNs, default, f.Frame)).ToList();
        return new DeviceCapture(sent, guest, TimingMode.Virtual, null, PacingReport.From(sent), plan.DurationNs + 1_000_000, []);
    }

    public ValueTask DisposeAsync()
    {
        onDispose();
        return behaviour == FakeBehaviour.DisposeThrows
            ? ValueTask.FromException(new IOException("socket already closed"))
            : ValueTask.CompletedTask;
    }
}
