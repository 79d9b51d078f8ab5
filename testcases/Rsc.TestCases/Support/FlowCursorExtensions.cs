using Rsc.Harness.Core.Traffic;

namespace Rsc.TestCases.Support;

internal static class FlowCursorExtensions
{
    /// <summary>Schedules <paramref name="count"/> in-order data segments of <paramref name="length"/> bytes.</summary>
    public static ScheduledFrame[] Segments(this FlowCursor flow, int count, int length = CaseBuilder.Mss)
    {
        var frames = new ScheduledFrame[count];
        for (int i = 0; i < count; i++)
        {
            frames[i] = flow.Data(length);
        }
        return frames;
    }

    /// <summary>
    /// Schedules the flow's next in-order data segment of <paramref name="length"/> bytes with Ethernet
    /// padding up to <paramref name="frameLength"/>, and advances the sender past it.
    /// </summary>
    public static ScheduledFrame PaddedData(this FlowCursor flow, TrafficBuilder traffic, int length, int frameLength)
    {
        var frame = traffic.Mangled(flow.Next(length), $"data {length} padded to {frameLength}", f => FrameEdits.PaddedTo(f, frameLength));
        flow.Skip(length);
        flow.IpId++;
        return frame;
    }
}
