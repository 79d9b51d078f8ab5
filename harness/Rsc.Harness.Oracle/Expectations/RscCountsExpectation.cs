namespace Rsc.Harness.Oracle.Expectations;

/// <summary>
/// The guest frame holding a sent frame reports these RSC counts (csum_start, csum_offset under
/// RSC_INFO). A frame without RSC_INFO reports 0 and 0.
/// </summary>
internal sealed class RscCountsExpectation(int sentIndex, int segments, int dupAcks)
    : Expectation(Rules.ExpectationRules.RscCounts, $"the guest frame holding sent {sentIndex} reports {segments} segments and {dupAcks} dup ACKs")
{
    public override bool DependsOnTiming => true;

    public override IEnumerable<Violation> Check(ExpectationContext context)
    {
        if (context.Alignment.GuestFrameOf(sentIndex) is not { } guestFrame)
        {
            yield return new Violation($"RSC counts of the frame holding sent {sentIndex} expected {segments}/{dupAcks}; observed sent {sentIndex} not delivered", [], [sentIndex]);
            yield break;
        }
        var header = context.Capture.Guest.First(frame => frame.Index == guestFrame).Header;
        int observedSegments = header.RscSegments ?? 0;
        int observedDupAcks = header.RscDupAcks ?? 0;
        if (observedSegments != segments || observedDupAcks != dupAcks)
        {
            string info = header.HasRscInfo ? "RSC_INFO" : "no RSC_INFO";
            yield return new Violation(
                $"guest frame {guestFrame} (holding sent {sentIndex}): segments/dup ACKs expected {segments}/{dupAcks}, observed {observedSegments}/{observedDupAcks} ({info})",
                [guestFrame], [sentIndex]);
        }
    }
}
