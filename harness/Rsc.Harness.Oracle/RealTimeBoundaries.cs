using System.Globalization;

namespace Rsc.Harness.Oracle;

/// <summary>
/// What a real clock legitimately leaves open: where a device's drain timer cut a run of segments.
/// Everything else (legality, headers, counts against the frame's own content, order, loss) stays strict.
/// </summary>
public static class RealTimeBoundaries
{
    public const string AnyBoundary = "on a real clock the unit boundaries depend on when the device's drain fired";

    /// <summary>
    /// Explains a "merged together" expectation cut into pieces, when the number of pieces fits the
    /// drains that can fall within the frames' actual send span; null when it does not.
    /// </summary>
    public static string? ExplainSplit(IReadOnlyList<int> sentIndices, ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(sentIndices);
        ArgumentNullException.ThrowIfNull(context);
        var guests = new HashSet<int>();
        long first = long.MaxValue;
        long last = long.MinValue;
        foreach (var index in sentIndices)
        {
            if (context.Alignment.GuestFrameOf(index) is not int guestFrame)
            {
                return null;
            }
            guests.Add(guestFrame);
            long? at = SentAt(context, index);
            if (at is null)
            {
                return null;
            }
            first = Math.Min(first, at.Value);
            last = Math.Max(last, at.Value);
        }
        long span = last - first;
        int backToBack = sentIndices.Count(context.UnjudgedLatency.Contains);
        if (backToBack > 0)
        {
            // They reach the device as fast as it reads its queue, not as they were sent: the span
            // that counts is unknown.
            return string.Create(CultureInfo.InvariantCulture,
                $"{guests.Count} pieces; {backToBack} of the frames were planned back to back, so when they reached the device (and which drains fell among them) cannot be told on a real clock");
        }
        // Drains are an interval apart on the device's clock; the harness's own send lateness blurs that
        // on the send clock (never by more than half an interval, or the premise is gone anyway).
        long drain = context.Settings.DrainIntervalNs;
        long interval = Math.Max(drain / 2, drain - Math.Max(0, context.Capture.Pacing.MaxLatenessNs));
        long allowed = interval <= 0 ? long.MaxValue : span / interval + 2;
        if (guests.Count > allowed)
        {
            return null;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"{guests.Count} pieces over an actual send span of {span / 1000.0:0.#} us, and drains {context.Settings.DrainIntervalNs / 1000.0:0.#} us apart can cut it into up to {allowed}");
    }

    /// <summary>
    /// Explains an unexpected merge: where a unit began depends on earlier drains, so a merge the
    /// case did not plan is open on a real clock — provided every general rule finds it legal (an
    /// illegal merge has its own failure anyway, and then no excuse is given).
    /// </summary>
    public static string? ExplainLegalMerge(int guestFrame, ExpectationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var finding in context.GeneralFindings)
        {
            if (finding.Severity == Severity.Fail && finding.GuestFrames.Contains(guestFrame))
            {
                return null;
            }
        }
        return $"guest frame {guestFrame} is a legal unit by every general rule, and where units begin depends on when earlier drains fell";
    }

    /// <summary>Planned gaps below this are back to back: no sender or device handles a frame that fast on a real clock.</summary>
    public const long BackToBackGapNs = 10_000;

    /// <summary>
    /// Frames planned back to back (less than <see cref="BackToBackGapNs"/> after the frame before): on a real clock they wait
    /// in the device's input queue while it works through the burst, and that wait cannot be told
    /// from holding. The first frame of a burst has a gap before it and stays judged.
    /// </summary>
    public static HashSet<int> BackToBack(Rsc.Harness.Core.Traffic.TrafficPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var result = new HashSet<int>();
        for (int position = 1; position < plan.Frames.Count; position++)
        {
            if (plan.Frames[position].OffsetNs - plan.Frames[position - 1].OffsetNs < BackToBackGapNs)
            {
                result.Add(plan.Frames[position].Index);
            }
        }
        return result;
    }

    private static long? SentAt(ExpectationContext context, int index)
    {
        foreach (var frame in context.Capture.Sent)
        {
            if (frame.Index == index)
            {
                return frame.SentNs;
            }
        }
        return null;
    }
}
