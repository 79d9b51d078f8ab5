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
        for (int gi = 0; gi < alignment.Guest.Count; gi++)
        {
            var e = alignment.Guest[gi];
            long at = guest[gi].Frame.TimeNs;
            var late = new List<int>();
            long worst = 0;
            foreach (var index in e.SentFrames)
            {
                // Only a frame's first delivery counts; repeats are a conservation finding.
                if (!seen.Add(index) || !sent.TryGetValue(index, out var s) || unjudged.Contains(index))
                {
                    continue;
                }
                long held = at - s.SentNs;
                if (held > limit)
                {
                    late.Add(index);
                    worst = Math.Max(worst, held);
                }
            }
            if (late.Count > 0)
            {
                long worstHeld = worst;
                findings.Add(new Finding(OracleRules.Latency, Severity.Fail,
                    $"guest frame {e.GuestIndex} at {at} ns delivers sent {string.Join(',', late)} held up to {worstHeld} ns, more than the drain interval {settings.DrainIntervalNs} ns + tolerance {settings.LatencyToleranceNs} ns",
                    [e.GuestIndex], late));
            }
        }
    }
}
