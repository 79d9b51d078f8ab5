using Rsc.Harness.Cases;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Oracle;

namespace Rsc.TestCases.Support;

/// <summary>
/// Writes one case's traffic and its expectations side by side, so expectations can only name
/// frames of this plan.
/// </summary>
internal sealed class CaseBuilder
{
    /// <summary>Baseline payload: a full Ethernet MSS with no TCP options.</summary>
    public const int Mss = 1448;

    private readonly List<Expectation> _expectations = [];

    /// <param name="context">Timing the case is built for.</param>
    /// <param name="framesInOneInterval">
    /// When positive, frames are spaced so this many fit inside one drain interval (never wider than
    /// the run's spacing): every segment then arrives before any timer started by the first one can
    /// fire, so merges the case expects do not hinge on where a timer tick falls.
    /// </param>
    public CaseBuilder(CaseContext context, int framesInOneInterval = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        long spacing = framesInOneInterval > 0
            ? Math.Max(1, Math.Min(context.SpacingNs, context.DrainIntervalNs / framesInOneInterval))
            : context.SpacingNs;
        Traffic = new TrafficBuilder(spacing);
        Must = new Expecting(this, RequirementLevel.Must);
        Should = new Expecting(this, RequirementLevel.Should);
    }

    public CaseContext Context { get; }

    public TrafficBuilder Traffic { get; }

    /// <summary>Expectations whose violation fails the case.</summary>
    public Expecting Must { get; }

    /// <summary>Expectations whose violation makes the case non-strict (premises, optional behaviour).</summary>
    public Expecting Should { get; }

    /// <summary>The baseline IPv4 flow (or another one, by index).</summary>
    public FlowCursor V4(int index = 0) => Traffic.FlowV4(index);

    public FlowCursor V6(int index = 0) => Traffic.FlowV6(index);

    public CaseTraffic Done() => new(Traffic.Build(), [.. _expectations]);

    internal void Add(Expectation expectation) => _expectations.Add(expectation);
}
