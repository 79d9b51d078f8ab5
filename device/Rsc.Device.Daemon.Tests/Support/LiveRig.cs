using Rsc.Harness.Live;

namespace Rsc.Device.Daemon.Tests.Support;

/// <summary>
/// Everything a live test sets up around the daemon: a TAP made as the harness makes one for any
/// device (<see cref="TapInterface"/>), the listening guest socket and an
/// AF_PACKET socket on the TAP that injects frames into its kernel side. Dispose removes the TAP and the socket file.
/// </summary>
internal sealed class LiveRig : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    private PacketSocket? _injector;

    private LiveRig(TapInterface tap, GuestListener guest)
    {
        Tap = tap;
        Guest = guest;
    }

    public TapInterface Tap { get; }

    public GuestListener Guest { get; }

    /// <summary>Creates the TAP and the listener; ignores the test when the machine cannot run live tests.</summary>
    public static LiveRig Create()
    {
        if (LiveEnvironment.WhyUnavailable() is { } reason)
        {
            Assert.Ignore($"live test: {reason}");
        }
        // The harness's own TAP, as it hands one to any device: its name is swept if a run is killed.
        var tap = TapInterface.Create();
        try
        {
            return new LiveRig(tap, new GuestListener());
        }
        catch
        {
            tap.Dispose();
            throw;
        }
    }

    public DaemonOptions Options(TimeSpan interval, RscFault faults = RscFault.None) => new()
    {
        Tap = Tap.Name,
        GuestSocket = Guest.Path,
        IntervalNs = (long)interval.TotalNanoseconds,
        Faults = faults,
    };

    /// <summary>Waits for the daemon's connection; from then on it holds the TAP and frames can be injected.</summary>
    public void AcceptDaemon()
    {
        Guest.Accept(ConnectTimeout);
        _injector = PacketSocket.Open(Tap.Name);
    }

    public void Inject(byte[] frame) => (_injector ?? throw new InvalidOperationException("accept the daemon first")).Send(frame);

    public void Dispose()
    {
        _injector?.Dispose();
        Guest.Dispose();
        Tap.Dispose();
    }
}
