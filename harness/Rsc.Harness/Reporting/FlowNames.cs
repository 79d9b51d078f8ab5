using Rsc.Harness.Core.Net;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Reporting;

/// <summary>Names for the flows of a plan, as the case gave them.</summary>
public sealed class FlowNames
{
    private readonly Dictionary<FlowKey, string> _names = [];

    public FlowNames(TrafficPlan? plan)
    {
        foreach (var f in plan?.Frames ?? [])
        {
            if (f.Segment is { } s)
            {
                _names.TryAdd(s.Flow.Key, s.Flow.Name);
            }
        }
    }

    public string NameOf(FlowKey key) => _names.TryGetValue(key, out var name) ? name : key.ToString();
}
