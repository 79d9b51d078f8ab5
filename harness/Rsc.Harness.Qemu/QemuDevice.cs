using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Live;
using Rsc.Harness.Qemu.Firmware;
using Rsc.Harness.Qemu.Host;
using Rsc.Harness.Qemu.Qtest;
using Rsc.Harness.Qemu.Virtio;

namespace Rsc.Harness.Qemu;

/// <summary>
/// QEMU's virtio-net (with its RSC) as the device under test, the harness as its guest driver: a
/// QEMU with a halting firmware and a TAP backend, driven over qtest. Frames go into the TAP's
/// kernel side through an AF_PACKET socket; guest frames come out of the rx virtqueue. Real time.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class QemuDevice : IDeviceUnderTest
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly QemuProcess _process;
    private readonly QtestClient _qtest;
    private readonly VirtioNetDriver _driver;
    private readonly TapInterface _tap;
    private readonly PacketSocket _injector;
    private readonly string _firmwarePath;
    private readonly DeviceConfiguration _configuration;
    private readonly byte[] _guestMac;
    private int _disposed;

    private QemuDevice(
        DeviceInfo info,
        DeviceConfiguration configuration,
        QemuProcess process,
        QtestClient qtest,
        VirtioNetDriver driver,
        TapInterface tap,
        PacketSocket injector,
        string firmwarePath,
        TimeSpan setupTime)
    {
        Info = info;
        _configuration = configuration;
        _process = process;
        _qtest = qtest;
        _driver = driver;
        _tap = tap;
        _injector = injector;
        _firmwarePath = firmwarePath;
        SetupTime = setupTime;
        _guestMac = driver.Mac.Count == 6 ? [.. driver.Mac] : [.. FlowSpec.DefaultGuestMac];
    }

    public DeviceInfo Info { get; }

    /// <summary>From starting QEMU to DRIVER_OK with rx buffers posted and the TAP carrying.</summary>
    public TimeSpan SetupTime { get; }

    public int ProcessId => _process.Id;

    public string TapName => _tap.Name;

    public string QtestSocketPath => _qtest.Path;

    public string FirmwarePath => _firmwarePath;

    /// <summary>The interval QEMU was started with (rsc_interval).</summary>
    public long DrainIntervalNs => _configuration.DrainIntervalNs;

    public ulong OfferedFeatures => _driver.OfferedFeatures;

    public ulong NegotiatedFeatures => _driver.NegotiatedFeatures;

    /// <summary>True when CTRL_RX PROMISC was accepted: frames reach the guest unchanged whatever their destination MAC.</summary>
    public bool Promiscuous => _driver.PromiscuousSet;

    /// <summary>qtest round trips so far.</summary>
    public long RoundTrips => _qtest.RoundTrips;

    /// <summary>Guest frames read from the rx ring so far, and rx buffers they used.</summary>
    public (int Frames, long Buffers) Received => (_driver.FramesDelivered, _driver.BuffersUsed);

    /// <summary>When false, rx buffers the device fills are not given back (see <see cref="RepostAllBuffers"/>).</summary>
    public bool RepostBuffers
    {
        get => _driver.RepostBuffers;
        set => _driver.RepostBuffers = value;
    }

    public void RepostAllBuffers() => _driver.RepostAll();

    /// <summary>Switches RSC through the control queue (CTRL_GUEST_OFFLOADS_SET with or without RSC_EXT); returns the ack (0 = OK).</summary>
    public byte SetRsc(bool on) => _driver.SetGuestOffloads(_driver.OffloadMask(on));

    /// <summary>Sends any guest-offloads mask through the control queue; returns the ack.</summary>
    public byte SetGuestOffloads(ulong mask) => _driver.SetGuestOffloads(mask);

    /// <summary>Reads guest frames until none arrives for <paramref name="quietMs"/> (outside a run).</summary>
    public IReadOnlyList<(Core.Virtio.VirtioNetHeader Header, byte[] Frame)> Drain(int quietMs)
    {
        var frames = new List<(Core.Virtio.VirtioNetHeader, byte[])>();
        while (_driver.Receive(quietMs) is { } got)
        {
            frames.Add(got);
        }
        return frames;
    }

    /// <summary>Injects one frame into the TAP (outside a run).</summary>
    public void Inject(ReadOnlySpan<byte> frame) => _injector.Send(frame);

    internal static QemuDevice Start(string name, QemuDeviceOptions options, DeviceConfiguration runConfiguration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var configuration = runConfiguration;
        var binary = QemuVersion.Resolve(options.Binary)
            ?? throw new DeviceFailureException($"QEMU binary '{options.Binary}' not found (exit code none; stderr (empty))");
        string version;
        try
        {
            version = QemuVersion.Of(binary);
        }
        catch (Exception e) when (e is LiveSetupException or System.ComponentModel.Win32Exception or IOException)
        {
            throw new DeviceFailureException($"QEMU binary '{binary}' does not run: {e.Message}", e);
        }
        if (LiveEnvironment.WhyUnavailable() is { } why)
        {
            throw new DeviceFailureException($"QEMU device cannot run here: {why}");
        }

        TapInterface? tap = null;
        QtestClient? qtest = null;
        QemuProcess? process = null;
        PacketSocket? injector = null;
        string? firmware = null;
        try
        {
            Directory.CreateDirectory(LiveNames.SocketDirectory);
            var qemuName = LiveNames.Next(LiveResourceKind.Qemu);
            firmware = Path.Combine(LiveNames.SocketDirectory, qemuName + ".bin");
            HaltFirmware.WriteTo(firmware);
            tap = TapInterface.Create();
            qtest = QtestClient.Listen(LiveNames.NextSocketPath());
            var settings = options.DriverSettings;
            var launch = new QemuLaunch(binary, firmware, tap.Name, qtest.Path, configuration.DrainIntervalNs, GuestRscExt: true, settings.MergeableBuffers, ProcessName: qemuName);
            process = QemuProcess.Start(binary, launch.Arguments());
            var started = process;
            // Called only on failures: give a dying QEMU a moment so its exit code and last words are known.
            qtest.DescribeDevice = () =>
            {
                started.WaitForExit(TimeSpan.FromMilliseconds(500));
                return started.Describe();
            };
            qtest.Accept(ConnectTimeout, () => started.HasExited || cancellationToken.IsCancellationRequested);
            cancellationToken.ThrowIfCancellationRequested();
            var driver = VirtioNetDriver.Initialise(qtest, settings, (ulong)launch.MemoryMiB << 20);
            driver.SetPromiscuous(true);
            if (!tap.WaitForCarrier(TimeSpan.FromSeconds(5), () => started.HasExited))
            {
                throw new DeviceFailureException($"TAP {tap.Name} has no carrier: QEMU did not attach to it; {started.Describe()}");
            }
            // Through the qdisc, so the kernel's packet taps (wire.pcap) see every frame.
            injector = PacketSocket.Open(tap.Name, qdiscBypass: false);
            clock.Stop();

            bool rscInfo = VirtioFeatures.Has(driver.NegotiatedFeatures, VirtioFeatures.RscExt);
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["qemu-version"] = version,
                ["qemu-binary"] = binary,
                ["features-offered"] = VirtioFeatures.Format(driver.OfferedFeatures),
                ["features-negotiated"] = VirtioFeatures.Format(driver.NegotiatedFeatures),
                ["interval-ns"] = configuration.DrainIntervalNs.ToString(CultureInfo.InvariantCulture),
                ["settle-ns"] = configuration.SettleNs.ToString(CultureInfo.InvariantCulture),
                ["mrg"] = settings.MergeableBuffers ? "on" : "off",
                ["rsc-ext"] = rscInfo ? "negotiated" : "not negotiated",
                ["rx-buffers"] = string.Create(CultureInfo.InvariantCulture, $"{driver.RxBuffersPosted} x {settings.RxBufferSize} bytes (queue size {driver.RxQueueSize})"),
                ["promiscuous"] = driver.PromiscuousSet ? "on (CTRL_RX)" : "off",
                ["setup-ms"] = clock.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture),
            };
            var info = new DeviceInfo(name, QemuDeviceFactory.Kind, version, TimingMode.Real, QemuCapabilities.For(rscInfo), parameters);
            return new QemuDevice(info, configuration, process, qtest, driver, tap, injector, firmware, clock.Elapsed);
        }
        catch (Exception e)
        {
            var detail = process?.Describe();
            injector?.Dispose();
            process?.Dispose();
            qtest?.Dispose();
            tap?.Dispose();
            TryDelete(firmware);
            if (e is OperationCanceledException)
            {
                throw;
            }
            if (e is DeviceFailureException)
            {
                throw;
            }
            var message = $"QEMU device set-up failed: {e.Message}";
            throw new DeviceFailureException(detail is null ? message : $"{message}; {detail}", e);
        }
    }

    public async Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_process.ExitProblem is { } problem)
        {
            throw new DeviceFailureException(problem);
        }
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"QEMU {Info.Version} virtio-net, rsc_interval {_configuration.DrainIntervalNs / 1000.0} us, plan spacing {plan.SpacingNs / 1000.0} us, set-up {SetupTime.TotalMilliseconds:0} ms"),
        };
        // Rewritten before the run, not on the pacer's thread; the sent record then shows what was injected.
        var (injected, rewritten) = WithGuestMac(plan);
        if (rewritten > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{rewritten} frame(s) had their destination MAC rewritten to the guest MAC (promiscuous mode was not available)"));
        }
        var wire = WireCapture.TryStart(_tap.Name, out var wireProblem);
        try
        {
            var capture = await LiveTrafficRun.RunAsync(injected, _injector.Send, _driver, _configuration, cancellationToken, Problem, notes)
                .ConfigureAwait(false);
            return WireCapture.Attach(capture, wire, wireProblem);
        }
        finally
        {
            wire?.Stop();
        }
    }

    /// <summary>Without promiscuous mode QEMU drops unicast frames not addressed to the guest: those are readdressed.</summary>
    private (TrafficPlan Plan, int Rewritten) WithGuestMac(TrafficPlan plan)
    {
        int rewritten = 0;
        var frames = new List<ScheduledFrame>(plan.Frames.Count);
        foreach (var scheduled in plan.Frames)
        {
            if (NeedsRewrite(scheduled.Frame))
            {
                var copy = (byte[])scheduled.Frame.Clone();
                _guestMac.CopyTo(copy, 0);
                frames.Add(scheduled with { Frame = copy });
                rewritten++;
            }
            else
            {
                frames.Add(scheduled);
            }
        }
        return rewritten == 0 ? (plan, 0) : (new TrafficPlan(frames, plan.SpacingNs, plan.Parameters), rewritten);
    }

    private bool NeedsRewrite(ReadOnlySpan<byte> frame) =>
        !_driver.PromiscuousSet && frame.Length >= 6 && (frame[0] & 1) == 0 && !frame[..6].SequenceEqual(_guestMac);

    /// <summary>Null while the device is healthy; what went wrong once QEMU exited.</summary>
    private string? Problem() => _process.ExitProblem;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }
        _injector.Dispose();
        _process.Dispose();
        _qtest.Dispose();
        _tap.Dispose();
        TryDelete(_firmwarePath);
        return ValueTask.CompletedTask;
    }

    private static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the sweep.
        }
    }
}
