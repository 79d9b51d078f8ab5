using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Live;

namespace Rsc.Harness.Windows.Device;

/// <summary>Sends a plan's frames at their deadlines and says when each really went.</summary>
public interface IPacedSender
{
    IReadOnlyList<SentFrame> Send(TrafficPlan plan, FrameSender send, CancellationToken cancellationToken);
}

/// <summary>The live pacer (busy-spin to absolute deadlines on the run's clock), as for the Linux devices.</summary>
public sealed class RealTimeSender : IPacedSender
{
    public IReadOnlyList<SentFrame> Send(TrafficPlan plan, FrameSender send, CancellationToken cancellationToken)
    {
        var clock = RunClock.StartNew();
        TimeCriticalThread.Raise();
        return FramePacer.Send(plan, clock, LiveTrafficRun.LeadInNs, send, cancellationToken);
    }
}
