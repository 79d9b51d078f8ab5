using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;

namespace Rsc.TestCases.Support;

/// <summary>The oracle's expectation factories at one requirement level, naming frames by what the cursor returned.</summary>
internal sealed class Expecting(CaseBuilder owner, RequirementLevel level)
{
    public void MergedTogether(params ScheduledFrame[] frames) =>
        Add(Expect.MergedTogether(Indices(frames)), frames);

    public void DeliveredAlone(params ScheduledFrame[] frames)
    {
        foreach (var f in frames)
        {
            Add(Expect.DeliveredAlone(f.Index), f);
        }
    }

    public void NotMergedTogether(ScheduledFrame a, ScheduledFrame b) =>
        Add(Expect.NotMergedTogether(a.Index, b.Index), a, b);

    /// <summary>Judged only on devices that claim to report RSC_INFO; others cannot be asked for counts.</summary>
    public void RscCounts(ScheduledFrame frame, int segments, int dupAcks)
    {
        var counts = Expect.RscCounts(frame.Index, segments, dupAcks);
        Add(Expect.That(counts.Rule, counts.Description, context =>
            context.Settings.Capabilities.ReportsRscInfo ? counts.Check(context) : [], dependsOnTiming: true), frame);
    }

    /// <summary>
    /// When <paramref name="unit"/> was delivered as exactly one coalesced frame (the case's premise), that
    /// frame reports these counts. Judged only on devices that report RSC_INFO.
    /// </summary>
    public void RscCountsIfMerged(ScheduledFrame[] unit, int segments, int dupAcks)
    {
        var counts = Expect.RscCounts(unit[0].Index, segments, dupAcks);
        var members = Indices(unit);
        Add(Expect.That(counts.Rule, counts.Description + " (when the unit is merged as planned)", context =>
        {
            if (!context.Settings.Capabilities.ReportsRscInfo
                || context.Alignment.GuestFrameOf(members[0]) is not int guest
                || context.Alignment.ExplanationOf(guest) is not { IsCoalesced: true } unitSeen
                || !unitSeen.SentFrames.SequenceEqual(members))
            {
                return [];
            }
            return counts.Check(context);
        }), unit);
    }

    public void DeliveredInOrder(ScheduledFrame earlier, ScheduledFrame later) =>
        Add(Expect.DeliveredInOrder(earlier.Index, later.Index), earlier, later);

    public void GuestFrameCount(int min, int? max = null) => Add(Expect.GuestFrameCount(min, max));

    public void CoalescedFrameCount(int min, int? max = null) => Add(Expect.CoalescedFrameCount(min, max));

    public void LatencyAtMost(long ns) => Add(Expect.LatencyAtMost(ns));

    public void Statistics(
        long? coalescedPackets = null, long? coalescedOctets = null, long? coalesceEvents = null, long? aborts = null) =>
        Add(Expect.Statistics(coalescedPackets, coalescedOctets, coalesceEvents, aborts));

    /// <summary>
    /// The guest frame that delivered <paramref name="frame"/> (alone or coalesced) passes
    /// <paramref name="problem"/>, which returns what is wrong or null.
    /// </summary>
    public void Header(ScheduledFrame frame, string rule, string description, Func<ParsedPacket, string?> problem) =>
        Add(GuestHeaderCheck.Create(frame.Index, rule, description, problem), frame);

    private void Add(Expectation e, params ScheduledFrame[] frames) =>
        owner.Add(new CaseExpectation(e, level, Indices(frames)));

    private static int[] Indices(ScheduledFrame[] frames) => [.. frames.Select(f => f.Index)];
}
