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
}
