using Rsc.Harness.Cases;
using Rsc.Harness.Core.Traffic;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Templates;

/// <summary>
/// The catalogue's commonest shape: in-order 1448-byte segments of one flow, all within one drain
/// interval, merged into one unit and counted. A case varies the flow (IPv6, ECN, timestamps, a
/// sequence number about to wrap) or changes one header field between segments, and may require
/// something of the unit that holds the last segment.
/// </summary>
internal static class InOrderRun
{
    /// <param name="context">Timing the case is built for.</param>
    /// <param name="segments">How many segments (all within one interval).</param>
    /// <param name="ipv6">The baseline IPv6 flow instead of IPv4.</param>
    /// <param name="flow">Derives the sending flow from the baseline one (e.g. with timestamps).</param>
    /// <param name="setup">Changes the flow's sender state before the first segment.</param>
    /// <param name="between">Changes one field of the sender before segment i (1 and later): a field changing mid-flow.</param>
    /// <param name="last">Requirements on the unit holding the last segment; they come first in the case.</param>
    /// <param name="behaviour">
    /// The behaviour the merge depends on (<see cref="Rsc.Harness.Oracle.Rules.BehaviourRules"/>): a
    /// device whose profile excuses it is excused for the merge and the counts, nothing else.
    /// </param>
    /// <param name="counted">Also require the unit's RSC counts (segments, 0 duplicate ACKs).</param>
    /// <param name="oneGuestFrame">Also require that the guest sees exactly one frame.</param>
    public static CaseTraffic Merged(
        CaseContext context,
        int segments = 3,
        bool ipv6 = false,
        Func<FlowCursor, FlowCursor>? flow = null,
        Action<FlowCursor>? setup = null,
        Action<FlowCursor, int>? between = null,
        Action<CaseBuilder, ScheduledFrame>? last = null,
        string? behaviour = null,
        bool counted = true,
        bool oneGuestFrame = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 2);
        var b = new CaseBuilder(context, framesInOneInterval: segments);
        var baseline = ipv6 ? b.V6() : b.V4();
        var f = flow is null ? baseline : flow(baseline);
        setup?.Invoke(f);
        var sent = new ScheduledFrame[segments];
        for (int i = 0; i < segments; i++)
        {
            if (i > 0)
            {
                between?.Invoke(f, i);
            }
            sent[i] = f.Data(Mss);
        }
        last?.Invoke(b, sent[^1]);
        var merge = behaviour is null ? b.Should : b.Should.As(behaviour);
        merge.MergedTogether(sent);
        if (counted)
        {
            merge.RscCounts(sent[0], segments, 0);
        }
        if (oneGuestFrame)
        {
            merge.GuestFrameCount(1);
        }
        return b.Done();
    }
}
