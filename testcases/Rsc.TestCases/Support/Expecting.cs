using Rsc.Harness.Core;
using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;

namespace Rsc.TestCases.Support;

/// <summary>The oracle's expectation factories at one requirement level, naming frames by what the cursor returned.</summary>
/// <param name="rule">When set, every expectation added reports under this rule id instead of its default.</param>
internal sealed class Expecting(CaseBuilder owner, RequirementLevel level, string? rule = null)
{
    /// <summary>
    /// The same level, reporting under <paramref name="behaviourRule"/>: for expectations that hold only
    /// when the device does one particular thing (absorbs a window update, merges past PSH, ...), so
    /// a device whose profile excuses that behaviour is excused for these expectations and no others.
    /// </summary>
    public Expecting As(string behaviourRule)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(behaviourRule);
        return new Expecting(owner, level, behaviourRule);
    }

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

    /// <summary>The frame holding <paramref name="frame"/> reports these RSC counts (a device excused from VS.rsc-counts gets Info).</summary>
    public void RscCounts(ScheduledFrame frame, int segments, int dupAcks) =>
        Add(Expect.RscCounts(frame.Index, segments, dupAcks), frame);

    /// <summary>
    /// When <paramref name="unit"/> was delivered as exactly one coalesced frame (the case's premise), that
    /// frame reports these counts.
    /// </summary>
    public void RscCountsIfMerged(ScheduledFrame[] unit, int segments, int dupAcks)
    {
        var counts = Expect.RscCounts(unit[0].Index, segments, dupAcks);
        var members = Indices(unit);
        Add(Expect.That(counts.Rule, counts.Description + " (when the unit is merged as planned)", context =>
        {
            if (context.Alignment.GuestFrameOf(members[0]) is not int guest
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
        owner.Add(new CaseExpectation(rule is null ? e : e.WithRule(rule), level, Indices(frames)));

    private static int[] Indices(ScheduledFrame[] frames) => [.. frames.Select(f => f.Index)];
}
