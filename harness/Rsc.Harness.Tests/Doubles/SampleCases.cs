using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Tests.Doubles;

/// <summary>Small cases for runner and CLI tests; their traffic is the baseline flow.</summary>
internal static class SampleCases
{
    /// <summary>Three 1448-byte segments of one IPv4 flow at the context's spacing.</summary>
    public static TrafficPlan ThreeSegments(long spacingNs)
    {
        var traffic = new TrafficBuilder(spacingNs);
        var flow = traffic.FlowV4();
        flow.Data(1448);
        flow.Data(1448);
        flow.Data(1448);
        traffic.Parameter("segments", "3");
        return traffic.Build();
    }

    public static ConformanceCase Case(
        string id,
        RequirementLevel level = RequirementLevel.Must,
        Func<CaseContext, CaseTraffic>? build = null,
        IReadOnlyList<string>? rules = null,
        long? intervalNs = null,
        long? spacingNs = null)
    {
        var section = id.Split('-') is [_, var s, _] ? s : "TEST";
        return new ConformanceCase
        {
            Id = id,
            Section = section,
            Title = $"sample {id}",
            Description = "three in-order segments",
            Level = level,
            Requirement = "in-order segments are merged",
            Source = "R",
            Build = build ?? (ctx => new CaseTraffic(ThreeSegments(ctx.SpacingNs), [])),
            Rules = rules ?? [],
            DrainIntervalNs = intervalNs,
            SpacingNs = spacingNs,
        };
    }

    public static IReadOnlyList<ConformanceCase> Catalogue { get; } =
    [
        Case("RSC-MERGE-001"),
        Case("RSC-MERGE-002", RequirementLevel.Should),
        Case("RSC-FLAG-001"),
        Case("RSC-STAT-001", RequirementLevel.Info),
    ];
}
