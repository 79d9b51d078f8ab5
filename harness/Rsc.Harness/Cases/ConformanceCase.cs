using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;

namespace Rsc.Harness.Cases;

/// <summary>
/// One conformance case: a requirement, the traffic that exercises it, and what to expect beyond
/// the oracle's general rules. Ids are stable and grouped by section (e.g. "RSC-FLAG-003").
/// </summary>
public sealed record ConformanceCase
{
    public required string Id { get; init; }

    /// <summary>Section key, e.g. "FLAG"; the part of the id after "RSC-".</summary>
    public required string Section { get; init; }

    public required string Title { get; init; }

    /// <summary>The traffic, in words.</summary>
    public required string Description { get; init; }

    public required RequirementLevel Level { get; init; }

    /// <summary>The requirement checked, restated.</summary>
    public required string Requirement { get; init; }

    /// <summary>Source key(s) from the rules digest: R, E, IPH, IND, EX, PC, OID, NBL, VS, SEED.</summary>
    public required string Source { get; init; }

    /// <summary>Builds the traffic and the case's own expectations for the given timing.</summary>
    public required Func<CaseContext, CaseTraffic> Build { get; init; }

    /// <summary>A drain interval the case's premise needs, overriding the run's.</summary>
    public long? DrainIntervalNs { get; init; }

    /// <summary>A spacing the case's premise needs, overriding the run's.</summary>
    public long? SpacingNs { get; init; }

    /// <summary>
    /// General oracle rules the case exists to check (e.g. "R.psh-or"), besides the rules its
    /// expectations report under; together they are the case's own requirement. When a device's
    /// profile excuses one of them and it breaks, the case is Info unless something unexcused broke.
    /// </summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    public override string ToString() => $"{Id} {Title}";
}

/// <summary>Timing the case is built for.</summary>
public sealed record CaseContext(long SpacingNs, long DrainIntervalNs);

/// <summary>A case's traffic together with the expectations that refer to its frames.</summary>
public sealed record CaseTraffic(TrafficPlan Plan, IReadOnlyList<Expectation> Expectations);
