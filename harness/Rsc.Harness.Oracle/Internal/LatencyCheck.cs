namespace Rsc.Harness.Oracle.Internal;

/// <summary>No segment is held longer than the drain interval plus tolerance (R, SEED; interpretation.md 6).</summary>
internal static class LatencyCheck
{
    /// <param name="unjudged">Sent frames whose holding time cannot be measured (see <see cref="RealTimeBoundaries.BackToBack"/>).</param>
    public static void Run(Alignment alignment, IReadOnlyDictionary<int, SentInfo> sent, IReadOnlyList<GuestInfo> guest, OracleSettings settings, List<Finding> findings, IReadOnlySet<int> unjudged)
    {
        if (unjudged.Count > 0)
        {
            findings.Add(new Finding(OracleRules.Latency, Severity.Info,
                $"{unjudged.Count} frame(s) planned back to back (less than {RealTimeBoundaries.BackToBackGapNs / 1000} us apart): on a real clock their wait in the device's input queue cannot be told from holding, so their latency is not judged",
                [], [.. unjudged.Order().Take(20)]));
        }
        long limit = settings.DrainIntervalNs + settings.LatencyToleranceNs;
        var seen = new HashSet<int>();
        for (int at = 0; at < alignment.Guest.Count; at++)
        {
            var explanation = alignment.Guest[at];
            long deliveredNs = guest[at].Frame.TimeNs;
            var late = new List<int>();
            long worst = 0;
            foreach (var index in explanation.SentFrames)
            {
                // Only a frame's first delivery counts; repeats are a conservation finding.
                if (!seen.Add(index) || !sent.TryGetValue(index, out var frame) || unjudged.Contains(index))
                {
                    continue;
                }
                long held = deliveredNs - frame.SentNs;
                if (held > limit)
                {
                    late.Add(index);
                    worst = Math.Max(worst, held);
                }
            }
            if (late.Count > 0)
            {
                findings.Add(new Finding(OracleRules.Latency, Severity.Fail,
                    $"guest frame {explanation.GuestIndex} at {deliveredNs} ns delivers sent {string.Join(',', late)} held up to {worst} ns, more than the drain interval {settings.DrainIntervalNs} ns + tolerance {settings.LatencyToleranceNs} ns",
                    [explanation.GuestIndex], late));
            }
        }
    }
}
