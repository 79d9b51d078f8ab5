using System.Globalization;
using System.Runtime.Versioning;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Live.Exec;

/// <summary>One external device process with its TAP and guest socket, for one case.</summary>
[SupportedOSPlatform("linux")]
public sealed class ExecDevice : IDeviceUnderTest
{
    private readonly TapInterface _tap;
    private readonly GuestSocket _socket;
    private readonly ChildProcess _process;
    private readonly PacketSocket _inject;
    private readonly DeviceConfiguration _configuration;
    private int _disposed;

    private ExecDevice(DeviceInfo info, DeviceConfiguration configuration, TapInterface tap, GuestSocket socket, ChildProcess process, PacketSocket inject)
    {
        Info = info;
        _configuration = configuration;
        _tap = tap;
        _socket = socket;
        _process = process;
        _inject = inject;
    }

    public DeviceInfo Info { get; }

    /// <summary>The device's process (tests stop or signal it to prove robustness).</summary>
    public ChildProcess Process => _process;

    public string TapName => _tap.Name;

    public string SocketPath => _socket.Path;

    internal static ExecDevice Start(ExecDeviceFactory factory, DeviceConfiguration configuration, CancellationToken cancellationToken)
    {
        TapInterface? tap = null;
        GuestSocket? socket = null;
        ChildProcess? process = null;
        PacketSocket? inject = null;
        try
        {
            tap = TapInterface.Create();
            socket = GuestSocket.Listen();
            // Through /bin/sh -c, in a session of its own: stopping it reaches everything it spawned.
            process = ChildProcess.Start("/bin/sh", ["-c", factory.Command], new Dictionary<string, string>
            {
                ["RSC_TAP"] = tap.Name,
                ["RSC_GUEST_SOCKET"] = socket.Path,
                ["RSC_INTERVAL_NS"] = configuration.DrainIntervalNs.ToString(CultureInfo.InvariantCulture),
            }, ownSession: true);
            var p = process;
            bool GiveUp() => p.HasExited || cancellationToken.IsCancellationRequested;
            if (!socket.Accept(factory.ConnectTimeout, GiveUp))
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new DeviceFailureException(process.HasExited
                    ? $"device {process.DescribeExit()} before connecting to the guest socket"
                    : $"device did not connect to the guest socket {socket.Path} within {factory.ConnectTimeout.TotalSeconds:0.#} s (process state {process.State})");
            }
            if (!tap.WaitForCarrier(factory.ConnectTimeout, GiveUp))
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new DeviceFailureException(process.HasExited
                    ? $"device {process.DescribeExit()} before attaching to TAP {tap.Name}"
                    : $"device connected but did not attach to TAP {tap.Name} within {factory.ConnectTimeout.TotalSeconds:0.#} s");
            }
            // Through the qdisc, so the kernel's packet taps — and wire.pcap — see every frame.
            inject = PacketSocket.Open(tap.Name, qdiscBypass: false);
            try
            {
                ReadinessProbe.Run(inject, socket, () => p.HasExited ? $"device {p.DescribeExit()}" : null);
            }
            catch (DeviceClosedSocketException)
            {
                p.WaitForExit(TimeSpan.FromSeconds(1));
                throw new DeviceFailureException(p.HasExited
                    ? $"device {p.DescribeExit()} during the readiness probe"
                    : "device closed the guest socket during the readiness probe but is still running");
            }
            return new ExecDevice(factory.InfoFor(configuration, tap.Name, socket.Path), configuration, tap, socket, process, inject);
        }
        catch
        {
            inject?.Dispose();
            process?.Dispose();
            socket?.Dispose();
            tap?.Dispose();
            throw;
        }
    }

    public async Task<DeviceCapture> RunAsync(TrafficPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var source = _socket;
        DeviceCapture capture;
        var wire = WireCapture.TryStart(_tap.Name, out var wireProblem);
        try
        {
            capture = await LiveTrafficRun.RunAsync(
                plan,
                _inject.Send,
                source,
                _configuration,
                cancellationToken,
                () => _process.HasExited ? $"device {_process.DescribeExit()}" : null).ConfigureAwait(false);
        }
        catch (DeviceFailureException e) when (e.InnerException is DeviceClosedSocketException)
        {
            throw new DeviceFailureException(DescribeClosed());
        }
        catch (DeviceClosedSocketException)
        {
            throw new DeviceFailureException(DescribeClosed());
        }
        finally
        {
            // Stopped on every path; Attach below reads what it kept.
            wire?.Stop();
        }
        capture = WireCapture.Attach(capture, wire, wireProblem);
        if (capture.Sent.Count > 0 && capture.Guest.Count == 0)
        {
            // Every case delivers something; total silence is a hung device, not a judgement.
            throw new DeviceFailureException(
                $"device delivered no frame within {(_configuration.DrainIntervalNs + _configuration.SettleNs + LiveTrafficRun.MaxOverrunNs) / 1e6:0.#} ms of the last of {capture.Sent.Count} frames (process state {_process.State}): hung?");
        }
        return capture;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inject.Dispose();
            _process.Dispose();
            _socket.Dispose();
            _tap.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private string DescribeClosed()
    {
        // Give a dying process a moment so its exit code and last words are known.
        _process.WaitForExit(TimeSpan.FromSeconds(1));
        return _process.HasExited
            ? $"device {_process.DescribeExit()}"
            : "device closed the guest socket but is still running";
    }
}
