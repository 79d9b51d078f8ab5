namespace Rsc.Harness.Core.Traffic;

/// <summary>The whole traffic of one case: frames with their deadlines.</summary>
public sealed class TrafficPlan
{
    public TrafficPlan(IReadOnlyList<ScheduledFrame> frames, long spacingNs, IReadOnlyDictionary<string, string>? parameters = null)
    {
        Frames = frames;
        SpacingNs = spacingNs;
        Parameters = parameters ?? new Dictionary<string, string>();
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i].Index != i)
            {
                throw new ArgumentException($"frame {i} carries index {frames[i].Index}", nameof(frames));
            }
            if (i > 0 && frames[i].OffsetNs < frames[i - 1].OffsetNs)
            {
                throw new ArgumentException($"frame {i} is due before frame {i - 1}", nameof(frames));
            }
        }
    }

    public IReadOnlyList<ScheduledFrame> Frames { get; }

    /// <summary>The nominal spacing the plan was built with (frames may deviate where the case says so).</summary>
    public long SpacingNs { get; }

    /// <summary>Facts about the traffic worth recording in results, such as a random seed.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public long DurationNs => Frames.Count == 0 ? 0 : Frames[^1].OffsetNs;
}
