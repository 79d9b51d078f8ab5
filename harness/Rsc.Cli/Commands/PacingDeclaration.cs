using Rsc.Cli.CommandLine;
using Rsc.CommandLine;
using Rsc.Harness.Live.Pacing;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc pacing` is given.</summary>
public sealed record PacingArguments(int Frames, long GapNs, bool WithTrafgen, string? Out);

/// <summary>The declaration of `rsc pacing`.</summary>
public static class PacingDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var frames = OptionKinds.WholeNumber("--frames", "frames per sender", PacingCommand.DefaultFrames, PacingBenchmark.MinimumFrames);
        var gap = OptionKinds.Microseconds("--gap-us", "requested gap in microseconds", PacingCommand.DefaultGapNs, MicrosecondLimits.Standard);
        var noTrafgen = OptionKinds.Flag("--no-trafgen", "measure the harness only");
        var output = SharedOptions.Out("also write DIR/pacing.json", null);
        var command = new CliCommand("pacing", "measure the gaps live runs achieve (harness pacer vs trafgen) into a TAP", """
            Creates a TAP of its own (root and /dev/net/tun needed), attaches to it as its device, and sends
            N small TCP frames into its kernel side at the requested gap with the harness's pacer (busy-spin
            to absolute deadlines), then the same number with trafgen --gap (Debian package netsniff-ng)
            into a fresh TAP. Prints mean, p50, p99 and max of the achieved gaps, measured where the device
            reads them (tap) and, for the harness, where send() returned (sender). Removes everything it
            created.
            """)
        {
            Footer = "Exit code: 0 when measured; 1 when the machine cannot run live devices; 2 for bad arguments; 130 when interrupted.",
        };
        command.Add(frames);
        command.Add(gap);
        command.Add(noTrafgen);
        command.Add(output);
        return command.Handles(
            parse => new PacingArguments(parse.GetValue(frames), parse.GetValue(gap), !parse.GetValue(noTrafgen), parse.GetValue(output)),
            new PacingCommand(env).RunAsync);
    }
}
