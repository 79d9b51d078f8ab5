using Rsc.Harness.Adapters.Reference;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Tests.Doubles;

namespace Rsc.Harness.Tests;

public sealed class ReferenceDeviceTests
{
    private static readonly DeviceConfiguration Configuration = new(DrainIntervalNs: 300_000, SettleNs: 2_000_000);

    private static (ReferenceDevice Device, Func<HoldingEngine> Engine) Device(Func<TimeProvider, Rsc.Device.IGuestSink, HoldingEngine>? create = null)
    {
        HoldingEngine? engine = null;
        create ??= (clock, sink) => new HoldingEngine(clock, sink, TimeSpan.FromMicroseconds(300));
        var info = new DeviceInfo("reference", "reference", "test", TimingMode.Virtual, DeviceCapabilities.Full, new Dictionary<string, string>());
        var device = new ReferenceDevice(info, Configuration, (clock, sink) => engine = create(clock, sink));
        return (device, () => engine!);
    }

    [Test]
    public async Task Frames_enter_at_their_deadline_and_timer_deliveries_carry_the_exact_due_time()
    {
        var (device, engine) = Device();
        var plan = SampleCases.ThreeSegments(100_000);

        var capture = await device.RunAsync(plan, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(capture.Sent.Select(s => s.SentNs), Is.EqualTo(new[] { 0L, 100_000L, 200_000L }));
            Assert.That(capture.Sent.Select(s => s.ScheduledNs), Is.EqualTo(new[] { 0L, 100_000L, 200_000L }));
            // The first held frame arms the timer at 0; it fires at exactly 300 us.
            Assert.That(capture.Guest.Select(g => g.TimeNs), Is.EqualTo(new[] { 300_000L, 300_000L, 300_000L }));
            Assert.That(capture.Guest.Select(g => g.Index), Is.EqualTo(new[] { 0, 1, 2 }));
            Assert.That(capture.Guest.Select(g => g.Frame), Is.EqualTo(plan.Frames.Select(f => f.Frame)));
            Assert.That(capture.Timing, Is.EqualTo(TimingMode.Virtual));
            Assert.That(capture.ObservationEndNs, Is.EqualTo(200_000 + 300_000 + 2_000_000));
            Assert.That(capture.Pacing.P99GapNs, Is.EqualTo(100_000));
            Assert.That(capture.Pacing.MaxLatenessNs, Is.Zero);
            Assert.That(capture.Statistics!.Detail["received"], Is.EqualTo(3));
            Assert.That(capture.Notes, Is.Empty);
            Assert.That(engine().Disposed, Is.True);
        });
    }

    [Test]
    public async Task Frames_still_held_at_the_end_arrive_stamped_at_the_end_of_observation()
    {
        var (device, _) = Device((clock, sink) => new HoldingEngine(clock, sink, TimeSpan.FromMicroseconds(300)) { Drains = false });

        var capture = await device.RunAsync(SampleCases.ThreeSegments(100_000), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(capture.Guest.Select(g => g.TimeNs), Is.All.EqualTo(capture.ObservationEndNs));
            Assert.That(capture.Notes, Has.Some.Contains("flushed at the end of observation"));
        });
    }

    [Test]
    public async Task Same_plan_gives_the_same_capture_every_time()
    {
        var plan = SampleCases.ThreeSegments(37_000);

        var first = await Device().Device.RunAsync(plan, CancellationToken.None);
        var second = await Device().Device.RunAsync(plan, CancellationToken.None);

        Assert.That(second.Guest.Select(g => (g.TimeNs, g.Frame.Length)), Is.EqualTo(first.Guest.Select(g => (g.TimeNs, g.Frame.Length))));
    }

    [Test]
    public void An_engine_exception_becomes_a_device_failure_naming_the_frame()
    {
        var (device, _) = Device((clock, sink) => new HoldingEngine(clock, sink, TimeSpan.FromMicroseconds(300)) { ThrowOnFrame = 1 });

        var e = Assert.ThrowsAsync<DeviceFailureException>(() => device.RunAsync(SampleCases.ThreeSegments(100_000), CancellationToken.None));

        Assert.That(e!.Message, Does.Contain("IndexOutOfRangeException").And.Contain("frame 1"));
    }

    [Test]
    public void A_device_runs_one_plan_only()
    {
        var (device, _) = Device();
        _ = device.RunAsync(SampleCases.ThreeSegments(100_000), CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => device.RunAsync(SampleCases.ThreeSegments(100_000), CancellationToken.None));
    }

    [Test]
    public void Cancellation_stops_the_run()
    {
        var (device, _) = Device();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await device.RunAsync(SampleCases.ThreeSegments(100_000), cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Factory_describes_the_device()
    {
        var factory = new ReferenceDeviceFactory("reference", [], 64);

        await using var device = await factory.CreateAsync(new DeviceConfiguration(500_000), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(device.Info.Name, Is.EqualTo("reference"));
            Assert.That(device.Info.Kind, Is.EqualTo("reference"));
            Assert.That(device.Info.Timing, Is.EqualTo(TimingMode.Virtual));
            Assert.That(device.Info.Capabilities, Is.EqualTo(DeviceCapabilities.Full));
            Assert.That(device.Info.Version, Is.Not.Empty);
            Assert.That(device.Info.Parameters["interval-us"], Is.EqualTo("500"));
            Assert.That(device.Info.Parameters["faults"], Is.EqualTo("none"));
            Assert.That(device.Info.Parameters["max-flows"], Is.EqualTo("64"));
        });
    }

    [Test]
    public async Task Reference_engine_delivers_every_payload_byte_within_the_interval()
    {
        var factory = new ReferenceDeviceFactory();
        var plan = SampleCases.ThreeSegments(100_000);
        await using var device = await factory.CreateAsync(new DeviceConfiguration(300_000), CancellationToken.None);

        var capture = await device.RunAsync(plan, CancellationToken.None);

        int Payload(byte[] frame) => Core.Net.PacketParser.Parse(frame).PayloadLength;
        Assert.Multiple(() =>
        {
            Assert.That(capture.Guest.Sum(g => Payload(g.Frame)), Is.EqualTo(plan.Frames.Sum(f => Payload(f.Frame))));
            Assert.That(capture.Guest.Min(g => g.TimeNs), Is.GreaterThanOrEqualTo(0));
            Assert.That(capture.Guest.Max(g => g.TimeNs), Is.LessThanOrEqualTo(200_000 + 300_000));
            Assert.That(capture.Statistics, Is.Not.Null);
        });
    }
}
