using System.CommandLine.Parsing;
using Rsc.Cli.CommandLine;
using Rsc.CommandLine;

namespace Rsc.Cli.Commands;

/// <summary>What `rsc replay` is given.</summary>
public sealed record ReplayArguments(string Input, string OutDir, string Dut, long SpacingNs, bool KeepTiming, long IntervalNs);

/// <summary>The declaration of `rsc replay`.</summary>
public static class ReplayDeclaration
{
    public static CliCommand Create(CliEnvironment env)
    {
        var input = OptionKinds.Text("--in", "IN.pcap", "the capture to send (pcapng or pcap, Ethernet link type)");
        input.Needed = true;
        var outDir = OptionKinds.Text("--out-dir", "DIR", "where sent.pcap, guest.pcap and guest.jsonl go");
        outDir.Needed = true;
        var dut = SharedOptions.Dut(env);
        var spacing = SharedOptions.Spacing(ReplayCommand.DefaultSpacingNs, "gap between sent frames in microseconds");
        var keepTiming = OptionKinds.Flag("--keep-timing", "send at the capture's own relative times instead of evenly spaced");
        var interval = SharedOptions.Interval("drain interval in microseconds; a device's own interval option (qemu:interval-us=N) replaces it");
        var command = new CliCommand("replay", "feed a pcap capture through a device and record what the guest receives", """
            Sends every frame of a capture (pcapng, as Wireshark saves, or classic pcap; read through
            libpcap) through the device, evenly spaced or at the
            capture's own relative times, and writes DIR/sent.pcap, DIR/guest.pcap and DIR/guest.jsonl
            (one line per guest frame with its decoded virtio header). Prints frames in and out,
            coalesced frames and the mean number of segments per coalesced frame (from the RSC
            information in the virtio header).
            """)
        {
            Footer = "Exit code: 0 when the replay completed, 1 when the device failed, 2 for bad arguments or files, 130 when interrupted.",
        };
        command.Add(input);
        command.Add(outDir);
        command.Add(dut);
        command.Add(spacing);
        command.Add(keepTiming);
        command.Add(interval);
        command.Validators.Add(result =>
        {
            if (Given(result.GetResult(keepTiming)) && Given(result.GetResult(spacing)))
            {
                result.AddError("--spacing-us and --keep-timing exclude each other");
            }
        });
        return command.Handles(
            parse => new ReplayArguments(parse.GetValue(input)!, parse.GetValue(outDir)!, parse.GetValue(dut)!, parse.GetValue(spacing), parse.GetValue(keepTiming), parse.GetValue(interval)),
            new ReplayCommand(env).RunAsync);
    }

    private static bool Given(OptionResult? result) => result is { Implicit: false };
}
