using Rsc.Harness.Cases;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Support;

/// <summary>
/// The common shape of an exception case: two in-order 1448-byte segments, the frame under test,
/// two more in-order segments, all five within one drain interval.
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
    /// The middle frame belongs to no flow and does not advance the sender, so the fourth segment starts
    /// where the second ended: (SHOULD) the four good segments form one unit, since a frame of no flow is
    /// none of the events that end a flow's unit. Otherwise each pair is only expected to coalesce.
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
        var b = new CaseBuilder(context, framesInOneInterval: 5);
        var f = ipv6 ? b.V6() : b.V4();
        setup?.Invoke(f);
        var d0 = f.Data(Mss);
        var d1 = f.Data(Mss);
        var x = middle(f, b.Traffic);
        var d3 = f.Data(Mss);
        var d4 = f.Data(Mss);
        b.Must.DeliveredAlone(x);
        if (inFlow)
        {
            b.Must.DeliveredInOrder(d1, x);
            b.Must.DeliveredInOrder(x, d3);
        }
        // On an IPv6 flow the merges hold only for a device that coalesces IPv6 at all.
        var merge = ipv6 ? b.Should.As(BehaviourRules.Ipv6Coalescing) : b.Should;
        if (bridged)
        {
            merge.MergedTogether(d0, d1, d3, d4);
        }
        else
        {
            // Premise: the device coalesces this flow at all, before and after the odd frame.
            merge.MergedTogether(d0, d1);
            merge.MergedTogether(d3, d4);
        }
        more?.Invoke(b, x);
        return b.Done();
    }
}
