using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Harness.Core.Capture;
using Rsc.Harness.Oracle;
using Rsc.Reports.Html.Charts;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Allure;

/// <summary>One judged case to write as an Allure result.</summary>
/// <param name="Run">The run's header (device, settings); its cases need not be filled in.</param>
/// <param name="RunFolder">The folder the entry's artifact paths are relative to; null when the case has no files.</param>
/// <param name="Stop">When the case ended; its start is this less its duration.</param>
public sealed record AllureCase(ResultsDocument Run, CaseEntry Entry, string? RunFolder, CaseTimeline? Timeline, DateTimeOffset Stop);

/// <summary>
/// Writes an allure-results folder: per case a {uuid}-result.json with labels (epic RSC, feature =
/// section, story = case id, severity from the level, parentSuite = device, suite = section, tags),
/// parameters (device, interval, spacing), steps (build traffic, send, drain, judge) and
/// attachments ({uuid}-attachment.ext: the pcaps, guest.jsonl, the wire log, the findings, the
/// timeline and its picture); per device run a {uuid}-container.json; and environment.properties.
/// Every file is written atomically, attachments before the result that names them.
/// </summary>
public sealed class AllureResultsWriter
{
    public const string FolderName = "allure-results";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);

    public AllureResultsWriter(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Writes the case's attachments and result; returns the result as written.</summary>
    public AllureTestResult WriteCase(AllureCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var (run, entry) = (c.Run, c.Entry);
        var uuid = Guid.NewGuid().ToString();
        var artifacts = entry.Artifacts;
        string? Source(string? relative) => c.RunFolder is null || relative is null ? null
            : Path.Combine(c.RunFolder, relative.Replace('/', Path.DirectorySeparatorChar));

        var sentPcap = AttachFile("sent.pcap", Source(artifacts?.SentPcap), "application/vnd.tcpdump.pcap", ".pcap");
        var guestPcap = AttachFile("guest.pcap", Source(artifacts?.GuestPcap), "application/vnd.tcpdump.pcap", ".pcap");
        var guestJsonl = AttachFile("guest.jsonl", Source(artifacts?.GuestJsonl), "text/plain", ".jsonl");
        var wireLog = AttachFile("wire.log", Source(artifacts?.WireLog), "text/plain", ".log");
        var timelineJson = AttachFile("timeline.json", Source(artifacts?.Timeline), "application/json", ".json");
        var findings = entry.Findings.Count == 0 ? null
            : AttachBytes("findings.json", JsonSerializer.SerializeToUtf8Bytes(entry.Findings, ResultsJson.Options), "application/json", ".json");
        AllureAttachment? picture = null;
        if (c.Timeline is { } timeline && TimelineChart.Render(timeline) is { } chart)
        {
            picture = AttachBytes("timeline picture", chart.Bytes, Chart.MimeType, Chart.Extension);
        }

        long stop = c.Stop.ToUnixTimeMilliseconds();
        long start = stop - (long)Math.Round(entry.DurationMs);
        var result = new AllureTestResult
        {
            Uuid = uuid,
            HistoryId = Hash($"{run.Dut.Name}|{entry.Id}|{entry.IntervalUs.ToString(CultureInfo.InvariantCulture)}|{entry.SpacingUs.ToString(CultureInfo.InvariantCulture)}"),
            TestCaseId = Hash(entry.Id),
            FullName = $"{run.Dut.Name}/{entry.Id}",
            Name = $"{entry.Id} {entry.Title}",
            Description = Description(entry),
            Status = AllureStatus.Of(entry.Outcome),
            StatusDetails = Details(entry),
            Start = start,
            Stop = stop,
            Labels = Labels(run, entry.Id, entry.Section, entry.Level, Tags(run, entry)),
            Parameters = Parameters(run, entry.IntervalUs, entry.SpacingUs),
            Steps = Steps(entry, sentPcap, guestPcap, guestJsonl, findings, picture, timelineJson),
            Attachments = [.. new[] { wireLog }.OfType<AllureAttachment>()],
        };
        AllureJson.Write(Path.Combine(Folder, $"{uuid}-result.json"), result);
        Remember(run, uuid);
        return result;
    }

    /// <summary>A planned case the run never judged: skipped, stage interrupted, with the reason.</summary>
    public AllureTestResult WriteNotJudged(ResultsDocument run, string caseId, string reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        var uuid = Guid.NewGuid().ToString();
        long time = at.ToUnixTimeMilliseconds();
        var section = KillMatrix.KillMatrixTable.SectionOf(caseId);
        var result = new AllureTestResult
        {
            Uuid = uuid,
            HistoryId = Hash($"{run.Dut.Name}|{caseId}|{run.Settings.IntervalUs.ToString(CultureInfo.InvariantCulture)}|{run.Settings.SpacingUs.ToString(CultureInfo.InvariantCulture)}"),
            TestCaseId = Hash(caseId),
            FullName = $"{run.Dut.Name}/{caseId}",
            Name = caseId,
            Status = AllureStatus.Skipped,
            Stage = AllureStatus.Interrupted,
            StatusDetails = new AllureStatusDetails(reason),
            Start = time,
            Stop = time,
            Labels = Labels(run, caseId, section, null, ["not-judged"]),
            Parameters = Parameters(run, run.Settings.IntervalUs, run.Settings.SpacingUs),
        };
        AllureJson.Write(Path.Combine(Folder, $"{uuid}-result.json"), result);
        Remember(run, uuid);
        return result;
    }

    /// <summary>The run's container (every result written for it so far) and environment.properties; safe to call again as the run goes on.</summary>
    public void WriteRunFiles(ResultsDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        List<string> children;
        lock (_gate)
        {
            children = [.. _children.GetValueOrDefault(run.Dut.Name) ?? []];
        }
        var uuid = ContainerUuid(run);
        AllureJson.Write(Path.Combine(Folder, $"{uuid}-container.json"), new AllureContainer
        {
            Uuid = uuid,
            Name = run.Dut.Name,
            Children = children,
            Start = run.StartedUtc.ToUnixTimeMilliseconds(),
            Stop = run.FinishedUtc?.ToUnixTimeMilliseconds(),
        });
        var env = new StringBuilder();
        void Property(string key, string? value)
        {
            if (value is not null)
            {
                env.Append(key).Append(" = ").Append(value.ReplaceLineEndings(" ")).Append('\n');
            }
        }
        Property("dut", run.Dut.Name);
        Property("dut.kind", run.Dut.Kind);
        Property("dut.version", run.Dut.Version);
        Property("dut.timing", run.Dut.Timing?.ToString());
        Property("interval.us", run.Settings.IntervalUs.ToString(CultureInfo.InvariantCulture));
        Property("spacing.us", run.Settings.SpacingUs.ToString(CultureInfo.InvariantCulture));
        Property("tool", $"{run.Tool.Name} {run.Tool.Version}");
        Property("os", run.Environment.Os);
        Property("runtime", run.Environment.Runtime);
        AtomicFile.WriteText(Path.Combine(Folder, "environment.properties"), env.ToString());
    }

    /// <summary>The same uuid for the same run, so rewriting the container replaces it.</summary>
    public static string ContainerUuid(ResultsDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bytes = MD5.HashData(Encoding.UTF8.GetBytes($"{run.Dut.Name}|{run.StartedUtc.ToUnixTimeMilliseconds()}"));
        return new Guid(bytes).ToString();
    }

    private void Remember(ResultsDocument run, string uuid)
    {
        lock (_gate)
        {
            if (!_children.TryGetValue(run.Dut.Name, out var list))
            {
                _children[run.Dut.Name] = list = [];
            }
            list.Add(uuid);
        }
    }

    private AllureAttachment? AttachFile(string name, string? source, string type, string extension)
    {
        if (source is null || !File.Exists(source))
        {
            return null;
        }
        var file = $"{Guid.NewGuid()}-attachment{extension}";
        var target = Path.Combine(Folder, file);
        var temp = Path.Combine(Folder, $".{file}.tmp");
        File.Copy(source, temp, overwrite: true);
        File.Move(temp, target, overwrite: true);
        return new AllureAttachment(name, file, type);
    }

    private AllureAttachment AttachBytes(string name, byte[] bytes, string type, string extension)
    {
        var file = $"{Guid.NewGuid()}-attachment{extension}";
        AtomicFile.Write(Path.Combine(Folder, file), s => s.Write(bytes));
        return new AllureAttachment(name, file, type);
    }

    private static string Description(CaseEntry entry)
    {
        var text = new StringBuilder();
        text.Append("**Requirement** (").Append(entry.Level.ToString().ToUpperInvariant()).Append(", ").Append(entry.Source).Append("): ").Append(entry.Requirement).Append("\n\n");
        if (entry.Description is { } description)
        {
            text.Append("**Traffic**: ").Append(description).Append('\n');
        }
        return text.ToString();
    }

    private static AllureStatusDetails? Details(CaseEntry entry)
    {
        if (entry.Outcome == Outcome.Pass)
        {
            return null;
        }
        var note = SummaryTable.Note(entry);
        var trace = new StringBuilder();
        if (entry.Error is { } error)
        {
            trace.Append("error: ").Append(error).Append('\n');
        }
        foreach (var f in entry.Findings)
        {
            trace.Append(CultureInfo.InvariantCulture, $"[{f.Severity}] {f.Rule}: {f.Message} (guest {Site.Html.Frames(f.Frames)}; sent {Site.Html.Frames(f.SentFrames)})");
            if (f.Excuse is { } excuse)
            {
                trace.Append(" excused: ").Append(excuse);
            }
            trace.Append('\n');
        }
        var message = entry.Outcome == Outcome.NonStrict ? $"SHOULD not met (no MUST broken): {note}" : note;
        return new AllureStatusDetails(message.Length > 0 ? message : null, trace.Length > 0 ? trace.ToString() : null);
    }

    private static List<string> Tags(ResultsDocument run, CaseEntry entry)
    {
        var tags = new List<string> { entry.Section, entry.Level.ToString().ToUpperInvariant() };
        if (run.Dut.Timing is { } timing)
        {
            tags.Add(timing.ToString().ToLowerInvariant() + "-clock");
        }
        if (entry.Outcome == Outcome.NonStrict)
        {
            tags.Add(AllureStatus.NonStrictTag);
        }
        if (entry.Findings.Any(f => f.Excuse is not null))
        {
            tags.Add("excused");
        }
        return tags;
    }

    private static List<AllureLabel> Labels(ResultsDocument run, string caseId, string section, RequirementLevel? level, IReadOnlyList<string> tags)
    {
        var labels = new List<AllureLabel>
        {
            new("epic", "RSC"),
            new("feature", section),
            new("story", caseId),
            new("parentSuite", run.Dut.Name),
            new("suite", section),
            new("framework", run.Tool.Name),
            new("host", run.Environment.Machine),
        };
        if (level is { } l)
        {
            labels.Add(new("severity", AllureStatus.Severity(l)));
        }
        labels.AddRange(tags.Where(t => t.Length > 0).Select(t => new AllureLabel("tag", t)));
        return labels;
    }

    private static List<AllureParameter> Parameters(ResultsDocument run, double intervalUs, double spacingUs) =>
    [
        new("device", run.Dut.Name),
        new("interval", intervalUs.ToString("0.###", CultureInfo.InvariantCulture) + " us"),
        new("spacing", spacingUs.ToString("0.###", CultureInfo.InvariantCulture) + " us"),
    ];

    /// <summary>build traffic, send, drain, judge: where an error struck, that step is broken and the later ones skipped.</summary>
    private static List<AllureStep> Steps(
        CaseEntry entry, AllureAttachment? sentPcap, AllureAttachment? guestPcap, AllureAttachment? guestJsonl,
        AllureAttachment? findings, AllureAttachment? picture, AllureAttachment? timelineJson)
    {
        int broken = entry.Outcome != Outcome.Error ? -1
            : entry.Error?.StartsWith("case definition", StringComparison.Ordinal) == true ? 0
            : entry.Error?.StartsWith("oracle", StringComparison.Ordinal) == true ? 3
            : 1;
        bool ran = entry.SentFrames > 0 || entry.GuestFrames > 0;
        string StatusAt(int step, string ok) => broken < 0 ? ok : step < broken ? AllureStatus.Passed : step == broken ? AllureStatus.Broken : AllureStatus.Skipped;
        AllureStatusDetails? ErrorAt(int step) => step == broken && entry.Error is { } e ? new AllureStatusDetails(e) : null;

        var pacing = entry.Pacing;
        var judgeSteps = entry.Findings.Select(f => new AllureStep
        {
            Name = $"{f.Rule}: {f.Message.ReplaceLineEndings(" ")}",
            Status = f.Excuse is not null || f.Severity == Severity.Info ? AllureStatus.Skipped : f.Severity == Severity.Fail ? AllureStatus.Failed : AllureStatus.Passed,
            StatusDetails = f.Excuse is { } x ? new AllureStatusDetails($"excused: {x}") : null,
            Parameters = [new("severity", f.Severity.ToString()), new("guest frames", Site.Html.Frames(f.Frames)), new("sent frames", Site.Html.Frames(f.SentFrames))],
        }).ToList();
        return
        [
            new AllureStep
            {
                Name = "build traffic",
                Status = StatusAt(0, AllureStatus.Passed),
                StatusDetails = ErrorAt(0),
                Parameters = [new("interval", $"{entry.IntervalUs.ToString("0.###", CultureInfo.InvariantCulture)} us"), new("spacing", $"{entry.SpacingUs.ToString("0.###", CultureInfo.InvariantCulture)} us"), .. entry.TrafficParameters.Select(p => new AllureParameter(p.Key, p.Value))],
            },
            new AllureStep
            {
                Name = $"send {entry.SentFrames} frame(s)",
                Status = StatusAt(1, ran ? AllureStatus.Passed : AllureStatus.Skipped),
                StatusDetails = ErrorAt(1),
                Parameters = pacing is null ? [] : [new("mean gap", Site.Html.Us(pacing.MeanNs) + " us"), new("p99 gap", Site.Html.Us(pacing.P99Ns) + " us"), new("latest send", Site.Html.Us(pacing.MaxLatenessNs) + " us late")],
                Attachments = [.. new[] { sentPcap }.OfType<AllureAttachment>()],
            },
            new AllureStep
            {
                Name = $"drain: {entry.GuestFrames} guest frame(s), {entry.CoalescedFrames} coalesced",
                Status = StatusAt(2, ran ? AllureStatus.Passed : AllureStatus.Skipped),
                StatusDetails = ErrorAt(2),
                Attachments = [.. new[] { guestPcap, guestJsonl }.OfType<AllureAttachment>()],
            },
            new AllureStep
            {
                Name = $"judge: {entry.Outcome}",
                Status = StatusAt(3, AllureStatus.Of(entry.Outcome)),
                StatusDetails = ErrorAt(3),
                Steps = judgeSteps,
                Attachments = [.. new[] { findings, picture, timelineJson }.OfType<AllureAttachment>()],
            },
        ];
    }

    private static string Hash(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
