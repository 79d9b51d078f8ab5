namespace Rsc.Harness.Oracle.Internal;

/// <summary>
/// Where unit checks report. The aligner first only weighs candidate explanations (no messages are
/// formatted), then replays the chosen ones into a collecting sink.
/// </summary>
internal interface IFindingSink
{
    /// <param name="sent">Sent frames concerned; null means the whole unit.</param>
    void Add(string rule, Severity severity, Func<string> message, IReadOnlyList<int>? sent = null);
}

/// <summary>
/// Weighs findings to choose between explanations. Most findings say the device broke a rule while
/// doing something recognisable; "identity" findings say the delivered frame does not look like the
/// run at all (fields the rules pin to a particular segment, the device's own counts, the marks of
/// coalescing). One of those weighs more than a lost frame, so a frame that matches a shorter run
/// exactly is not stretched over a frame that was simply lost.
/// </summary>
internal sealed class CostSink : IFindingSink
{
    public const int FailCost = 10;
    public const int NonStrictCost = 1;
    public const int IdentityCost = 1500;

    /// <summary>A single frame that differs from the one it stands for: more than a stray frame, less than a stray plus a lost one.</summary>
    public const int ModifiedCost = 3000;

    private static readonly HashSet<string> Identity =
    [
        OracleRules.SeqFirst,
        OracleRules.IpIdFirst,
        OracleRules.AckWindowLast,
        OracleRules.TimestampLatest,
        OracleRules.RscInfo,
        OracleRules.RscInfoOnSingle,
        OracleRules.SegmentCount,
        OracleRules.DupAckCount,
        OracleRules.GsoType,
        OracleRules.Flags,
    ];

    public int Cost { get; private set; }

    /// <summary>How many findings say the delivered frame does not look like the run.</summary>
    public int IdentityMismatches { get; private set; }

    public void AddCost(int cost) => Cost += cost;

    public void Add(string rule, Severity severity, Func<string> message, IReadOnlyList<int>? sent = null)
    {
        if (severity == Severity.Fail && (rule == OracleRules.Modified || Identity.Contains(rule)))
        {
            IdentityMismatches++;
        }
        Cost += severity switch
        {
            Severity.Fail when rule == OracleRules.Modified => ModifiedCost,
            Severity.Fail when Identity.Contains(rule) => IdentityCost,
            Severity.Fail => FailCost,
            Severity.NonStrict => NonStrictCost,
            _ => 0,
        };
    }
}

/// <summary>Collects findings about one guest frame.</summary>
internal sealed class CollectingSink(List<Finding> target, int guestIndex, IReadOnlyList<int> unit) : IFindingSink
{
    public void Add(string rule, Severity severity, Func<string> message, IReadOnlyList<int>? sent = null) =>
        target.Add(new Finding(rule, severity, message(), [guestIndex], sent ?? unit));
}

/// <summary>
/// Weighs findings raised by pure ACKs only inferred to be at the edge of a run (nothing in the
/// delivered frame pins them there): an illegal merge of such a frame is less likely than its loss.
/// </summary>
internal sealed class EdgeCostSink(CostSink inner) : IFindingSink
{
    public void Add(string rule, Severity severity, Func<string> message, IReadOnlyList<int>? sent = null)
    {
        if (severity == Severity.Fail)
        {
            inner.AddCost(CostSink.IdentityCost);
        }
        else
        {
            inner.Add(rule, severity, message, sent);
        }
    }
}
