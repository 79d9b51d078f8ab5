using System.Text.Json;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Core.Traffic;
using Rsc.Reports;
using Rsc.Reports.Timeline;

namespace Rsc.Harness.Rejudging;

/// <summary>
/// One case's capture as a run folder recorded it, read back: the frames as sent (sent.pcap, matched
/// to the case's plan by their bytes), the guest frames (guest.pcap) with their times and virtio
/// headers (guest.jsonl), and what results.json says about the run (clock, pacing, counters,
/// real-time conditions).
/// </summary>
public static class RecordedCapture
{
    /// <summary>Reads the capture of <paramref name="entry"/> from <paramref name="runFolder"/>.</summary>
    /// <exception cref="RecordedRunException">A file is missing or unreadable, or the frames are not the plan's.</exception>
    public static DeviceCapture Read(string runFolder, CaseEntry entry, TimingMode defaultTiming, TrafficPlan plan)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(plan);
        var artifacts = entry.Artifacts;
        if (artifacts?.SentPcap is not { } sentPath || artifacts.GuestPcap is not { } guestPath || artifacts.GuestJsonl is not { } jsonlPath)
        {
            throw new RecordedRunException($"{entry.Id}: results.json names no capture files for it");
        }
        var sentRecords = ReadPcap(Path.Combine(runFolder, sentPath));
        var guestRecords = ReadPcap(Path.Combine(runFolder, guestPath));
        IReadOnlyList<GuestJsonlLine> headers;
        try
        {
            headers = GuestJsonl.Read(Path.Combine(runFolder, jsonlPath));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new RecordedRunException($"{entry.Id}: {OneLine(e)}", e);
        }
        if (headers.Count != guestRecords.Count)
        {
            throw new RecordedRunException($"{entry.Id}: {jsonlPath} describes {headers.Count} guest frames, {guestPath} holds {guestRecords.Count}");
        }

        var sent = MatchToPlan(entry.Id, sentRecords, plan);
        var guest = new List<GuestFrame>(guestRecords.Count);
        for (int at = 0; at < guestRecords.Count; at++)
        {
            var record = guestRecords[at];
            if (headers[at].Length != record.Data.Length)
            {
                throw new RecordedRunException($"{entry.Id}: guest frame {headers[at].Index} is {headers[at].Length} bytes in {jsonlPath}, {record.Data.Length} in {guestPath}");
            }
            // guest.jsonl's time is signed; a pcap cannot hold a time before the start of the case.
            guest.Add(new GuestFrame(headers[at].Index, headers[at].TimeNs, headers[at].Header, record.Data));
        }

        var pacing = entry.Pacing is { } recorded
            ? new PacingReport(sent.Count, recorded.MeanNs, recorded.P50Ns, recorded.P99Ns, recorded.MaxNs, recorded.MaxLatenessNs)
            : PacingReport.From(sent);
        var statistics = entry.Statistics is { } counters
            ? new DeviceStatistics(counters.CoalescedPackets, counters.CoalescedOctets, counters.CoalesceEvents, counters.Aborts, counters.Detail)
            : null;
        return new DeviceCapture(sent, guest, entry.Timing ?? defaultTiming, statistics, pacing, entry.ObservationEndNs ?? TimelineObservationEnd(runFolder, artifacts) ?? LastSeen(sent, guest), [])
        {
            Conditions = entry.RealTime is { } realTime
                ? new RealTimeConditions(realTime.HostStealNs, realTime.SourceStampedGuestFrames, realTime.GuestReadLagMaxNs)
                : null,
        };
    }

    /// <summary>
    /// Gives every recorded sent frame the index of the planned frame it realises: the next unused
    /// planned frame with the same bytes, in send order (a frame the adapter never sent is skipped).
    /// </summary>
    private static List<SentFrame> MatchToPlan(string caseId, List<PcapRecord> records, TrafficPlan plan)
    {
        var used = new bool[plan.Frames.Count];
        var sent = new List<SentFrame>(records.Count);
        int next = 0;
        foreach (var record in records)
        {
            int match = FindUnused(plan, used, record.Data, next);
            if (match < 0)
            {
                match = FindUnused(plan, used, record.Data, 0);
            }
            if (match < 0)
            {
                throw new RecordedRunException($"{caseId}: sent frame {sent.Count + 1} of the capture is no frame of the case's traffic (was the case changed since the run?)");
            }
            used[match] = true;
            next = match + 1;
            var planned = plan.Frames[match];
            sent.Add(new SentFrame(planned.Index, planned.OffsetNs, record.TimestampNs, record.Data));
        }
        return sent;
    }

    private static int FindUnused(TrafficPlan plan, bool[] used, byte[] frame, int from)
    {
        for (int position = from; position < plan.Frames.Count; position++)
        {
            if (!used[position] && plan.Frames[position].Frame.AsSpan().SequenceEqual(frame))
            {
                return position;
            }
        }
        return -1;
    }

    /// <summary>Runs whose results.json does not say when observation ended may have it in the case's timeline.json.</summary>
    private static long? TimelineObservationEnd(string runFolder, ArtifactsEntry artifacts)
    {
        if (artifacts.Timeline is not { } timelinePath)
        {
            return null;
        }
        try
        {
            return TimelineJson.ReadFile(Path.Combine(runFolder, timelinePath)).ObservationEndNs;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Only a message's wording depends on it: fall back rather than fail the case.
            return null;
        }
    }

    /// <summary>Runs that recorded it nowhere: the last moment anything was seen.</summary>
    private static long LastSeen(List<SentFrame> sent, List<GuestFrame> guest) =>
        Math.Max(sent.Count == 0 ? 0 : sent.Max(frame => frame.SentNs), guest.Count == 0 ? 0 : guest.Max(frame => frame.TimeNs));

    private static List<PcapRecord> ReadPcap(string path)
    {
        try
        {
            return PcapFile.Read(path).Records;
        }
        catch (PcapFormatException e)
        {
            throw new RecordedRunException(e.Message, e);
        }
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}
