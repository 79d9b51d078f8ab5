using Microsoft.Extensions.Time.Testing;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Device.Tests.Support;

/// <summary>An engine on virtual time with a recording guest, plus a traffic builder to write frames.</summary>
public sealed class EngineRig : IDisposable
{
    public EngineRig(RscEngineOptions? options = null)
    {
        Options = options ?? new RscEngineOptions();
        Time = new FakeTimeProvider();
        Guest = new GuestRecorder(Time);
        Engine = new RscEngine(Options, Time, Guest);
    }

    public RscEngineOptions Options { get; }
    public FakeTimeProvider Time { get; }
    public GuestRecorder Guest { get; }
    public RscEngine Engine { get; }
    public TrafficBuilder Traffic { get; } = new();
    public RscStatistics Stats => Engine.Statistics;

    public FlowCursor Flow(int ipVersion = 4, int index = 0) => ipVersion == 6 ? Traffic.FlowV6(index) : Traffic.FlowV4(index);

    public void Send(ScheduledFrame frame) => Engine.Receive(frame.Frame);

    public void Send(byte[] frame) => Engine.Receive(frame);

    public void Send(params ScheduledFrame[] frames)
    {
        foreach (var f in frames)
        {
            Engine.Receive(f.Frame);
        }
    }

    /// <summary>Sends and flushes, returning what the guest got.</summary>
    public IReadOnlyList<GuestDelivery> SendAndFlush(params ScheduledFrame[] frames)
    {
        Send(frames);
        Engine.Flush();
        return Guest.Deliveries;
    }

    public void Dispose() => Engine.Dispose();
}
