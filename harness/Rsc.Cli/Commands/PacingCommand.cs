using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Live;
using Rsc.Harness.Live.Pacing;

namespace Rsc.Cli.Commands;

/// <summary>
/// `rsc pacing`: the pacing benchmark. Frames at a fixed gap into a live TAP, paced by the harness
/// and, side by side in the same run, by trafgen; reports the gaps achieved.
/// </summary>
public sealed class PacingCommand(CliEnvironment env)
{
    public const int DefaultFrames = 10_000;

    public const long DefaultGapNs = 100_000;

    public async Task<int> RunAsync(PacingArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        int frames = arguments.Frames;
        long gapNs = arguments.GapNs;
        if (env.Host != HostPlatform.Linux || !OperatingSystem.IsLinux())
        {
            env.Error.WriteLine(HostPlatforms.NeedsMessage("rsc pacing", HostPlatform.Linux, env.Host));
            return ExitCodes.Usage;
        }
        if (LiveEnvironment.WhyUnavailable() is { } reason)
        {
            env.Error.WriteLine($"rsc pacing: {reason}");
            return ExitCodes.Failure;
        }
        IReadOnlyList<GapStatistics> results;
        await using (var progress = PacingProgress.Start(env, frames, gapNs, arguments.WithTrafgen))
        {
            // Plain, the benchmark runs on this thread as it always has; live, on another while the display redraws.
            results = env.Terminal is null
                ? PacingBenchmark.Run(frames, gapNs, arguments.WithTrafgen, progress.Log, cancellationToken)
                : await Task.Run(Measure(frames, gapNs, arguments.WithTrafgen, progress.Log, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        env.Out.WriteLine();
        env.Out.WriteLine($"{"sender",-8} {"measured",-8} {"frames",7} {"mean us",9} {"(err %)",8} {"p50 us",8} {"p99 us",8} {"max us",9}");
        foreach (var r in results)
        {
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Sender,-8} {r.MeasuredAt,-8} {r.Frames,7} {r.MeanNs / 1000,9:0.000} {r.MeanErrorPercent,8:+0.00;-0.00} {r.P50Ns / 1000.0,8:0.0} {r.P99Ns / 1000.0,8:0.0} {r.MaxNs / 1000.0,9:0.0}"));
        }
        if (arguments.Out is { } dir)
        {
            Directory.CreateDirectory(dir);
            var json = JsonSerializer.Serialize(new
            {
                schema = "rsc-pacing/1",
                measuredUtc = env.Clock.GetUtcNow(),
                requestedGapNs = gapNs,
                frames,
                results,
            }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
            AtomicFile.WriteText(Path.Combine(dir, "pacing.json"), json + "\n");
        }
        return ExitCodes.Success;
    }

    [SupportedOSPlatform("linux")]
    private static Func<IReadOnlyList<GapStatistics>> Measure(int frames, long gapNs, bool withTrafgen, TextWriter log, CancellationToken cancellationToken) =>
        () => PacingBenchmark.Run(frames, gapNs, withTrafgen, log, cancellationToken);
}
