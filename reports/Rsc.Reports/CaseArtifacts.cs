using Rsc.Harness.Core.Capture;
using Rsc.Reports.Timeline;

namespace Rsc.Reports;

/// <summary>
/// Writes one case's files under RUN/cases/ID/: sent.pcap and guest.pcap (Ethernet, ns timestamps
/// from the start of the case), guest.jsonl and wire.log. Every file is written atomically.
/// </summary>
public static class CaseArtifacts
{
    public const string SentPcapName = "sent.pcap";
    public const string GuestPcapName = "guest.pcap";
    public const string GuestJsonlName = "guest.jsonl";
    public const string WireLogName = "wire.log";

    /// <summary>The case's folder relative to the run folder, with forward slashes as results.json records it.</summary>
    public static string RelativeFolder(string caseId) => $"cases/{SafeName(caseId)}";

    /// <summary>
    /// Writes what exists: the pcaps and guest.jsonl only when there is a capture, wire.log always.
    /// Returns the paths relative to <paramref name="runFolder"/>.
    /// </summary>
    public static ArtifactsEntry Write(string runFolder, string caseId, DeviceCapture? capture, string wireLog) =>
        Write(runFolder, caseId, capture, wireLog, timeline: null);

    /// <summary>As above, plus timeline.json when <paramref name="timeline"/> is given.</summary>
    public static ArtifactsEntry Write(string runFolder, string caseId, DeviceCapture? capture, string wireLog, CaseTimeline? timeline)
    {
        ArgumentException.ThrowIfNullOrEmpty(runFolder);
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        ArgumentNullException.ThrowIfNull(wireLog);
        var relative = RelativeFolder(caseId);
        var folder = Path.Combine(runFolder, relative);
        string? sent = null, guest = null, jsonl = null;
        if (capture is not null)
        {
            WriteCapture(folder, capture.Sent, capture.Guest);
            sent = $"{relative}/{SentPcapName}";
            guest = $"{relative}/{GuestPcapName}";
            jsonl = $"{relative}/{GuestJsonlName}";
        }
        AtomicFile.WriteText(Path.Combine(folder, WireLogName), wireLog);
        string? timelinePath = null;
        if (timeline is not null)
        {
            TimelineJson.WriteFile(Path.Combine(folder, CaseTimeline.FileName), timeline);
            timelinePath = $"{relative}/{CaseTimeline.FileName}";
        }
        return new ArtifactsEntry(sent, guest, jsonl, $"{relative}/{WireLogName}") { Timeline = timelinePath };
    }

    /// <summary>sent.pcap, guest.pcap and guest.jsonl straight into <paramref name="folder"/>.</summary>
    public static void WriteCapture(string folder, IReadOnlyList<SentFrame> sent, IReadOnlyList<GuestFrame> guest)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(guest);
        PcapFile.Write(Path.Combine(folder, SentPcapName), sent.Select(s => new PcapRecord(s.SentNs, s.Frame, s.Frame.Length)));
        PcapFile.Write(Path.Combine(folder, GuestPcapName), guest.Select(g => new PcapRecord(g.TimeNs, g.Frame, g.Frame.Length)));
        GuestJsonl.Write(Path.Combine(folder, GuestJsonlName), guest);
    }

    /// <summary>Case ids are plain, but a folder name must never escape the run folder.</summary>
    public static string SafeName(string caseId)
    {
        ArgumentNullException.ThrowIfNull(caseId);
        var invalid = Path.GetInvalidFileNameChars();
        var chars = caseId.Select(c => invalid.Contains(c) || c is '/' or '\\' ? '_' : c).ToArray();
        var name = new string(chars);
        return name is "" or "." or ".." ? "_" + name : name;
    }
}
