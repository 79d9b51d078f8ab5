using System.Globalization;
using System.Text.Json;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Live;
using Rsc.Harness.Live.Pacing;

namespace Rsc.Cli.Commands;

/// <summary>
/// `rsc pacing`: the pacing benchmark. Frames at a fixed gap into a live TAP, paced by the harness
/// and, side by side in the same run, by trafgen; reports the gaps achieved.
/// </summary>
public sealed class PacingCommand(CliEnvironment env) : ICommand
{
    public const int DefaultFrames = 10_000;

    public string Name => "pacing";

    public string Summary => "measure the gaps live runs achieve (harness pacer vs trafgen) into a TAP";

    public string Help => $"""
        usage: rsc pacing [--frames N] [--gap-us N] [--no-trafgen] [--out DIR]

        Creates a TAP of its own (root and /dev/net/tun needed), attaches to it as its device, and sends
        N small TCP frames into its kernel side at the requested gap with the harness's pacer (busy-spin
        to absolute deadlines), then the same number with trafgen --gap (Debian package netsniff-ng)
        into a fresh TAP. Prints mean, p50, p99 and max of the achieved gaps, measured where the device
        reads them (tap) and, for the harness, where send() returned (sender). Removes everything it
        created.
          --frames N      frames per sender (default {DefaultFrames})
          --gap-us N      requested gap (default 100)
          --no-trafgen    measure the harness only
          --out DIR       also write DIR/pacing.json
        Exit code: 0 when measured; 1 when the machine cannot run live devices; 2 for bad arguments.
        """;

    public Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var a = new ArgumentReader(Name, args, ["--frames", "--gap-us", "--out"], ["--no-trafgen"]);
        if (a.HelpRequested)
        {
            env.Out.WriteLine(Help);
            return Task.FromResult(ExitCodes.Success);
        }
        a.ExpectPositionals(0, 0, "no arguments");
        int frames = DefaultFrames;
        if (a.Single("--frames") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out frames) || frames < PacingBenchmark.MinimumFrames))
        {
            throw new UsageException($"--frames must be an integer of at least {PacingBenchmark.MinimumFrames}, not '{text}'");
        }
        long gapNs = a.Microseconds("--gap-us", allowZero: false) ?? 100_000;
        if (LiveEnvironment.WhyUnavailable() is { } reason)
        {
            env.Error.WriteLine($"rsc pacing: {reason}");
            return Task.FromResult(ExitCodes.Failure);
        }
        var results = PacingBenchmark.Run(frames, gapNs, !a.Has("--no-trafgen"), env.Out, cancellationToken);
        env.Out.WriteLine();
        env.Out.WriteLine($"{"sender",-8} {"measured",-8} {"frames",7} {"mean us",9} {"(err %)",8} {"p50 us",8} {"p99 us",8} {"max us",9}");
        foreach (var r in results)
        {
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Sender,-8} {r.MeasuredAt,-8} {r.Frames,7} {r.MeanNs / 1000,9:0.000} {r.MeanErrorPercent,8:+0.00;-0.00} {r.P50Ns / 1000.0,8:0.0} {r.P99Ns / 1000.0,8:0.0} {r.MaxNs / 1000.0,9:0.0}"));
        }
        if (a.Single("--out") is { } dir)
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
        return Task.FromResult(ExitCodes.Success);
    }
}
