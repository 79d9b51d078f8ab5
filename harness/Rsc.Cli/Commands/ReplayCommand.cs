using System.Globalization;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Devices;
using Rsc.Harness.Core.Traffic;
using Rsc.Harness.Running;
using Rsc.Reports;

namespace Rsc.Cli.Commands;

/// <summary>`rsc replay`: feeds any Ethernet capture through a device and writes what the guest received.</summary>
public sealed class ReplayCommand(CliEnvironment env)
{
    public const long DefaultSpacingNs = 100_000;

    public async Task<int> RunAsync(ReplayArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var input = arguments.Input;
        var outDir = arguments.OutDir;
        var factory = env.Device(arguments.Dut);
        long interval = (new RunOptions() with { DrainIntervalNs = arguments.IntervalNs }).For(factory).DrainIntervalNs;

        var plan = ReadPlan(input, arguments.SpacingNs, arguments.KeepTiming, out int truncated);
        DeviceCapture capture;
        try
        {
            var device = await factory.CreateAsync(new DeviceConfiguration(interval), cancellationToken).ConfigureAwait(false);
            await using (device.ConfigureAwait(false))
            {
                await using var progress = ReplayProgress.Start(env, $"{input} through {factory.Name}", plan);
                capture = await device.RunAsync(plan, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DeviceFailureException e)
        {
            env.Error.WriteLine($"rsc: device failed: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
        }
        try
        {
            CaseArtifacts.WriteCapture(outDir, capture.Sent, capture.Guest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write to '{outDir}': {e.Message}");
        }

        var coalesced = capture.Guest.Where(g => g.Header.HasRscInfo).ToList();
        double meanSegments = coalesced.Count == 0 ? 0 : coalesced.Average(g => g.Header.RscSegments ?? 0);
        env.Out.WriteLine($"replayed {input} through {factory.Name}: {capture.Sent.Count} frame(s) in, {capture.Guest.Count} frame(s) out, " +
            $"{coalesced.Count} coalesced, {meanSegments.ToString("0.00", CultureInfo.InvariantCulture)} segments per coalesced frame");
        if (capture.Timing == TimingMode.Real && capture.Pacing.Frames > 1)
        {
            var p = capture.Pacing;
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pacing on the real clock: gaps mean {p.MeanGapNs / 1000:0.0} us, p50 {p.P50GapNs / 1000.0:0.0} us, p99 {p.P99GapNs / 1000.0:0.0} us, max {p.MaxGapNs / 1000.0:0.0} us; latest send {p.MaxLatenessNs / 1000.0:0.0} us after its deadline"));
        }
        if (truncated > 0)
        {
            env.Out.WriteLine($"note: {truncated} record(s) were cut short by the capture's snap length and were sent as captured");
        }
        foreach (var note in capture.Notes)
        {
            env.Out.WriteLine($"note: {note}");
        }
        var full = Path.GetFullPath(outDir);
        env.Out.WriteLine($"wrote {Path.Combine(full, CaseArtifacts.SentPcapName)}, {Path.Combine(full, CaseArtifacts.GuestPcapName)}, {Path.Combine(full, CaseArtifacts.GuestJsonlName)}");
        return ExitCodes.Success;
    }

    /// <summary>The capture as a plan of raw frames, evenly spaced or at the capture's own relative times.</summary>
    public static TrafficPlan ReadPlan(string path, long spacingNs, bool keepTiming, out int truncated)
    {
        uint linkType;
        List<PcapRecord> records;
        try
        {
            (linkType, records) = CaptureFileReader.Read(path);
        }
        catch (PcapFormatException e)
        {
            throw new UsageException(e.Message);
        }
        if (linkType != PcapFile.LinkTypeEthernet)
        {
            throw new UsageException($"'{path}' is not an Ethernet capture (link type {linkType}); only Ethernet captures can be replayed");
        }
        var traffic = new TrafficBuilder(keepTiming ? 0 : spacingNs);
        truncated = 0;
        long first = records.Count > 0 ? records[0].TimestampNs : 0;
        for (int i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.OriginalLength > r.Data.Length)
            {
                truncated++;
            }
            if (keepTiming)
            {
                // Out-of-order timestamps are sent at once rather than in the past.
                traffic.At(Math.Max(0, r.TimestampNs - first));
            }
            traffic.Raw(r.Data, $"pcap #{i + 1}");
        }
        traffic.Parameter("source", Path.GetFileName(path));
        traffic.Parameter("timing", keepTiming ? "capture" : (spacingNs / 1000.0).ToString(CultureInfo.InvariantCulture) + " us");
        return traffic.Build();
    }
}
