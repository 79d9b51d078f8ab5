using System.Globalization;

namespace Rsc.Harness.Live;

/// <summary>
/// Per-CPU "steal" time from /proc/stat: time a hypervisor ran something else while this machine's
/// CPU had work. The kernel counts it in clock ticks (USER_HZ, 10 ms), so a difference of d ticks
/// means less than d + 1 ticks were stolen.
/// </summary>
public static class HostSteal
{
    private const long TickNs = 10_000_000;

    /// <summary>Steal ticks per CPU now; empty where /proc/stat cannot be read.</summary>
    public static long[] Snapshot()
    {
        try
        {
            var ticks = new List<long>();
            foreach (var line in File.ReadLines("/proc/stat"))
            {
                // "cpuN user nice system idle iowait irq softirq steal ..."; the summed "cpu " line is skipped.
                if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || line[3] == ' ')
                {
                    continue;
                }
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                ticks.Add(fields.Length > 8 && long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out long steal) ? steal : 0);
            }
            return [.. ticks];
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Upper bound of the time stolen from the worst CPU between two snapshots; 0 when no tick moved.</summary>
    public static long MaxStolenNs(long[] before, long[] after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        long worst = 0;
        for (int i = 0; i < Math.Min(before.Length, after.Length); i++)
        {
            long ticks = after[i] - before[i];
            if (ticks > 0)
            {
                worst = Math.Max(worst, (ticks + 1) * TickNs);
            }
        }
        return worst;
    }
}
