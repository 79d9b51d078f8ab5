using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using Rsc.Harness.Core.Traffic;

namespace Rsc.Harness.Live.Pacing;

/// <summary>
/// Measures the pacing a live run achieves: N frames at a requested gap into a TAP this run creates,
/// sent by the harness's own pacer and, in the same run and into the same kind of TAP, by trafgen
/// (netsniff-ng) when it is installed. Gaps are taken where the device sees them (the TAP's reader)
/// and, for the harness, also where send() returned.
/// </summary>
public static class PacingBenchmark
{
    public const int MinimumFrames = 2;

    [SupportedOSPlatform("linux")]
    public static IReadOnlyList<GapStatistics> Run(int frames, long gapNs, bool withTrafgen, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, MinimumFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gapNs);
        ArgumentNullException.ThrowIfNull(log);
        LiveEnvironment.EnsureAvailable();
        _ = LiveNames.SweepOrphans();
        var results = new List<GapStatistics>();
        var plan = Plan(frames, gapNs);

        log.WriteLine($"rsc pacer: {frames} frames, {gapNs / 1000.0:0.###} us apart");
        var (sent, seen) = Measure(plan.Frames.Count, (tap, clock) =>
        {
            using var socket = PacketSocket.Open(tap);
            var sentFrames = FramePacer.Send(plan, clock, clock.NowNs + 5_000_000, socket.Send, cancellationToken);
            return [.. sentFrames.Select(s => s.SentNs)];
        }, cancellationToken);
        results.Add(GapStatistics.From("rsc", "sender", gapNs, sent));
        results.Add(GapStatistics.From("rsc", "tap", gapNs, seen));

        if (withTrafgen)
        {
            if (HostCommand.Find("trafgen") is null)
            {
                log.WriteLine("trafgen: not installed (Debian package netsniff-ng); skipped");
            }
            else
            {
                log.WriteLine($"trafgen: {frames} frames, --gap {gapNs / 1000.0:0.###}us");
                var config = Path.Combine(Path.GetTempPath(), LiveNames.Next(LiveResourceKind.Socket) + ".trafgen");
                File.WriteAllText(config, TrafgenConfig(plan.Frames[0].Frame));
                try
                {
                    var (_, trafgenSeen) = Measure(frames, (tap, _) =>
                    {
                        string gap = (gapNs % 1000 == 0 ? (gapNs / 1000).ToString(CultureInfo.InvariantCulture) + "us" : gapNs.ToString(CultureInfo.InvariantCulture) + "ns");
                        HostCommand.Run("trafgen", ["--dev", tap, "--conf", config, "--gap", gap, "--num", frames.ToString(CultureInfo.InvariantCulture), "--cpus", "1", "--no-sock-mem", "--no-cpu-stats"],
                            TimeSpan.FromSeconds(30 + frames * gapNs / 1e9 * 3));
                        return [];
                    }, cancellationToken);
                    results.Add(GapStatistics.From("trafgen", "tap", gapNs, trafgenSeen));
                }
                finally
                {
                    File.Delete(config);
                }
            }
        }
        return results;
    }

    /// <summary>Creates a TAP, attaches to it as its device, runs <paramref name="send"/> and timestamps what arrives.</summary>
    [SupportedOSPlatform("linux")]
    private static (long[] Sent, List<long> Seen) Measure(int expected, Func<string, RunClock, long[]> send, CancellationToken cancellationToken)
    {
        using var tap = TapInterface.Create();
        using var queue = TapQueue.Attach(tap.Name);
        if (!tap.WaitForCarrier(TimeSpan.FromSeconds(5)))
        {
            throw new LiveSetupException($"TAP {tap.Name} shows no carrier");
        }
        var clock = RunClock.StartNew();
        var seen = new List<long>(expected);
        var done = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            var buffer = new byte[70_000];
            long idleSince = long.MaxValue;
            while (seen.Count < expected)
            {
                int n = queue.Read(buffer, 10);
                if (n > 0)
                {
                    seen.Add(clock.NowNs);
                    continue;
                }
                if (done.IsSet)
                {
                    idleSince = Math.Min(idleSince, clock.NowNs);
                    if (clock.NowNs - idleSince > 500_000_000)
                    {
                        return;
                    }
                }
            }
        })
        {
            IsBackground = true,
            Name = "tap reader",
            Priority = ThreadPriority.AboveNormal,
        };
        reader.Start();
        long[] sent;
        try
        {
            sent = send(tap.Name, clock);
        }
        finally
        {
            done.Set();
            reader.Join();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return (sent, seen);
    }

    /// <summary>Identical small TCP segments of one flow, <paramref name="gapNs"/> apart.</summary>
    private static TrafficPlan Plan(int frames, long gapNs)
    {
        var traffic = new TrafficBuilder(gapNs);
        var flow = traffic.FlowV4();
        for (int i = 0; i < frames; i++)
        {
            flow.Data(64);
        }
        return traffic.Build();
    }

    private static string TrafgenConfig(byte[] frame)
    {
        var text = new StringBuilder("{ ");
        for (int i = 0; i < frame.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"0x{frame[i]:x2}");
        }
        return text.Append(" }\n").ToString();
    }
}
