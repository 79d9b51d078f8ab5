using Rsc.Harness.Core.Capture;

namespace Rsc.Harness.Oracle.Internal;

/// <summary>
/// The NDIS counters against what was delivered (OID; interpretation.md, Statistics): packets and
/// octets of the data segments inside coalesced units, and the number of those units.
/// </summary>
internal static class StatisticsCheck
{
    public static (long Packets, long Octets, long Events) Expected(Alignment alignment, IReadOnlyDictionary<int, SentInfo> sent)
    {
        long packets = 0;
        long octets = 0;
        long events = 0;
        foreach (var explanation in alignment.Guest)
        {
            if (!explanation.IsCoalesced)
            {
                continue;
            }
            events++;
            foreach (var index in explanation.SentFrames)
            {
                if (sent.TryGetValue(index, out var frame) && frame.HasData)
                {
                    packets++;
                    octets += frame.PayloadLength;
                }
            }
        }
        return (packets, octets, events);
    }

    public static void Run(DeviceStatistics? stats, Alignment alignment, IReadOnlyDictionary<int, SentInfo> sent, List<Finding> findings)
    {
        if (stats is null)
        {
            return;
        }
        var (packets, octets, events) = Expected(alignment, sent);
        Compare(OracleRules.CoalescedPackets, "CoalescedPkts", "data segments delivered inside coalesced units", packets, stats.CoalescedPackets, findings);
        Compare(OracleRules.CoalescedOctets, "CoalescedOctets", "TCP payload bytes of those segments", octets, stats.CoalescedOctets, findings);
        Compare(OracleRules.CoalesceEvents, "CoalesceEvents", "coalesced units delivered", events, stats.CoalesceEvents, findings);
    }

    private static void Compare(string rule, string counter, string meaning, long expected, long observed, List<Finding> findings)
    {
        if (expected != observed)
        {
            findings.Add(new Finding(rule, Severity.Fail,
                $"{counter} expected {expected} ({meaning}), observed {observed}", [], []));
        }
    }
}
