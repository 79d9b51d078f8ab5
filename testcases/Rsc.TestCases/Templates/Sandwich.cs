using Rsc.Harness.Cases;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Templates;

/// <summary>
/// The common shape of an exception case: in-order 1448-byte segments (two unless a case says), the
/// frame under test, more in-order segments (two unless a case says), all within one drain interval.
/// </summary>
internal static class Sandwich
{
    /// <param name="context">Timing the case is built for.</param>
    /// <param name="middle">Schedules the frame under test on the flow (advancing it or not, as a sender would).</param>
    /// <param name="ipv6">Use the baseline IPv6 flow instead of IPv4.</param>
    /// <param name="inFlow">
    /// The middle frame belongs to the flow (its TCP header is readable), so it must also keep its
    /// place in the flow's order; malformed frames belong to no flow and are only required to arrive alone.
    /// </param>
    /// <param name="bridged">
    /// The middle frame belongs to no flow and does not advance the sender, so the segment after it starts
    /// where the one before it ended: (SHOULD) the good segments form one unit, since a frame of no flow is
    /// none of the events that end a flow's unit. Otherwise each side is only expected to coalesce.
    /// </param>
    /// <param name="setup">Changes the flow's sender state before the first segment (e.g. its ECN codepoint).</param>
    /// <param name="more">Adds case-specific expectations about the middle frame.</param>
    public static CaseTraffic Around(
        CaseContext context,
        Func<FlowCursor, TrafficBuilder, ScheduledFrame> middle,
        bool ipv6 = false,
        bool inFlow = true,
        bool bridged = false,
        Action<FlowCursor>? setup = null,
        Action<CaseBuilder, ScheduledFrame>? more = null)
    {
        ArgumentNullException.ThrowIfNull(middle);
        return Around(context, (f, t, _) => middle(f, t), before: 2, after: 2, ipv6, inFlow, bridged, setup, more);
    }

    /// <param name="context">Timing the case is built for.</param>
    /// <param name="middle">Schedules the frame under test, seeing the segments sent before it (e.g. to retransmit one).</param>
    /// <param name="before">In-order segments before the frame under test (at least 2: they are expected to merge).</param>
    /// <param name="after">In-order segments after it: 0, or at least 2 (they are expected to merge).</param>
    /// <param name="ipv6">Use the baseline IPv6 flow instead of IPv4.</param>
    /// <param name="inFlow">The middle frame belongs to the flow and must keep its place in the flow's order.</param>
    /// <param name="bridged">The middle frame belongs to no flow: the good segments on both sides form one unit.</param>
    /// <param name="setup">Changes the flow's sender state before the first segment.</param>
    /// <param name="more">Adds case-specific expectations about the middle frame.</param>
    public static CaseTraffic Around(
        CaseContext context,
        Func<FlowCursor, TrafficBuilder, IReadOnlyList<ScheduledFrame>, ScheduledFrame> middle,
        int before,
        int after,
        bool ipv6 = false,
        bool inFlow = true,
        bool bridged = false,
        Action<FlowCursor>? setup = null,
        Action<CaseBuilder, ScheduledFrame>? more = null)
    {
        ArgumentNullException.ThrowIfNull(middle);
        ArgumentOutOfRangeException.ThrowIfLessThan(before, 2);
        if (after == 1 || after < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(after), after, "0, or at least 2 segments after the frame under test");
        }
        var b = new CaseBuilder(context, framesInOneInterval: before + 1 + after);
        var f = ipv6 ? b.V6() : b.V4();
        setup?.Invoke(f);
        var first = f.Segments(before);
        var x = middle(f, b.Traffic, first);
        var second = f.Segments(after);
        b.Must.DeliveredAlone(x);
        if (inFlow)
        {
            b.Must.DeliveredInOrder(first[^1], x);
            if (after > 0)
            {
                b.Must.DeliveredInOrder(x, second[0]);
            }
        }
        // On an IPv6 flow the merges hold only for a device that coalesces IPv6 at all.
        var merge = ipv6 ? b.Should.As(BehaviourRules.Ipv6Coalescing) : b.Should;
        if (bridged)
        {
            merge.MergedTogether([.. first, .. second]);
        }
        else
        {
            // Premise: the device coalesces this flow at all, before and after the odd frame.
            merge.MergedTogether(first);
            if (after > 0)
            {
                merge.MergedTogether(second);
            }
        }
        more?.Invoke(b, x);
        return b.Done();
    }
}
