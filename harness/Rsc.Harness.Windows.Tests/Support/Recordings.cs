using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Live;
using Rsc.Harness.Windows.Cim;
using Rsc.Harness.Windows.Device;

namespace Rsc.Harness.Windows.Tests.Support;

/// <summary>The recorded CIM instances beside the tests, and doubles for the wire side.</summary>
internal static class Recordings
{
    public static RecordedCimSource Load(string name) =>
        RecordedCimSource.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "Recorded", name));
}

/// <summary>Keeps every frame it is asked to send.</summary>
internal sealed class CollectingInjector : IFrameInjector
{
    public List<byte[]> Frames { get; } = [];

    public bool Disposed { get; private set; }

    public string Description => "a test injector";

    public void Send(ReadOnlySpan<byte> frame) => Frames.Add(frame.ToArray());

    public void Dispose() => Disposed = true;
}

/// <summary>Sends every frame at once and stamps it with its deadline: deterministic.</summary>
internal sealed class OnTimeSender : IPacedSender
{
    public IReadOnlyList<SentFrame> Send(TrafficPlan plan, FrameSender send, CancellationToken cancellationToken)
    {
        var sent = new List<SentFrame>();
        foreach (var f in plan.Frames)
        {
            send(f.Frame);
            sent.Add(new SentFrame(f.Index, f.OffsetNs, f.OffsetNs, f.Frame));
        }
        return sent;
    }
}
