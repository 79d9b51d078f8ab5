using Rsc.Harness.Cases;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle.Rules;
using Rsc.TestCases.Support;
using static Rsc.TestCases.Support.CaseBuilder;

namespace Rsc.TestCases.Templates;

/// <summary>
/// One header field changes mid-flow and must end the unit: two in-order 1448-byte segments, then
/// three in order with the field changed, all five within one drain interval. The segments on each
/// side of the change are expected to coalesce among themselves.
/// </summary>
internal static class FieldChange
{
    /// <param name="context">Timing the case is built for.</param>
    /// <param name="change">Changes the sender's state before the third segment (kept from then on).</param>
    /// <param name="edit">Changes each of the last three segments instead (or as well).</param>
    /// <param name="label">Label of the changed segments (with <paramref name="edit"/>).</param>
    /// <param name="ipv6">The baseline IPv6 flow: the merges then hold only for a device that coalesces IPv6.</param>
    /// <param name="setup">Changes the sender's state before the first segment.</param>
    public static CaseTraffic EndsTheUnit(
        CaseContext context,
        Action<FlowCursor>? change = null,
        Func<SegmentSpec, SegmentSpec>? edit = null,
        string? label = null,
        bool ipv6 = false,
        Action<FlowCursor>? setup = null)
    {
        if (change is null && edit is null)
        {
            throw new ArgumentException("a field change needs a change of the sender or an edit of the segments");
        }
        var b = new CaseBuilder(context, framesInOneInterval: 5);
        var f = ipv6 ? b.V6() : b.V4();
        setup?.Invoke(f);
        var d0 = f.Data(Mss);
        var d1 = f.Data(Mss);
        change?.Invoke(f);
        var c2 = f.Data(Mss, edit, label);
        var c3 = f.Data(Mss, edit, label);
        var c4 = f.Data(Mss, edit, label);
        b.Must.NotMergedTogether(d1, c2);
        var merge = ipv6 ? b.Should.As(BehaviourRules.Ipv6Coalescing) : b.Should;
        merge.MergedTogether(d0, d1);
        merge.MergedTogether(c2, c3, c4);
        return b.Done();
    }
}
