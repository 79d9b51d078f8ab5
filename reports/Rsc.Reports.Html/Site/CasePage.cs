using System.Globalization;
using System.Text;
using System.Text.Json;
using Rsc.Harness.Core;
using Rsc.Harness.Oracle;
using Rsc.Harness.Oracle.Rules;
using Rsc.Reports.Html.Charts;
using Rsc.Reports.Timeline;

namespace Rsc.Reports.Html.Site;

/// <summary>
/// One case on one device: what it checks, the outcome, findings grouped by rule (excused ones
/// apart), pictures, the decoded timeline (every frame sent with its deadline and actual time,
/// every guest frame with its virtio header and the sent frames it covers), pacing and real-time
/// figures, and links to the case's files. Without timeline.json it falls back to guest.jsonl and wire.log.
/// </summary>
public static class CasePage
{
    /// <summary>Tables longer than this are cut; the wire log and the pcaps hold every frame.</summary>
    public const int MaxRows = 1500;

    public sealed record Input(
        ReportModel Model,
        RunColumn Column,
        CaseEntry Entry,
        CaseTimeline? Timeline,
        IReadOnlyList<Chart> Charts,
        string PageFolder);

    public static string Render(Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (model, column, entry, timeline) = (input.Model, input.Column, input.Entry, input.Timeline);
        var body = new StringBuilder();
        body.Append("<p class=\"small\"><a href=\"../../").Append(column.RunPage).Append("\">").Append(Html.Encode(column.Heading)).Append("</a>");
        var others = model.Columns.Where(c => c != column && c.Run.Find(entry.Id) is not null).ToList();
        if (others.Count > 0)
        {
            body.Append(" · same case on ");
            body.Append(string.Join(", ", others.Select(c => $"<a href=\"../../{c.CasePage(entry.Id)}\">{Html.Encode(c.Heading)} ({c.Run.Find(entry.Id)!.Outcome})</a>")));
        }
        body.Append("</p>\n");
        body.Append("<h1>").Append(Html.Encode(entry.Id)).Append(" — ").Append(Html.Encode(entry.Title)).Append("</h1>\n");
        body.Append("<p><span id=\"outcome\" class=\"badge ").Append(Html.OutcomeClass(entry.Outcome)).Append("\">").Append(entry.Outcome).Append("</span> on <strong>")
            .Append(Html.Encode(column.Heading)).Append("</strong></p>\n");
        WriteFacts(body, entry, timeline);
        if (entry.Error is { } error)
        {
            body.Append("<h2>Error</h2>\n<pre id=\"error\">").Append(Html.Encode(error)).Append("</pre>\n");
        }
        WriteFindings(body, entry);
        if (input.Charts.Count > 0)
        {
            body.Append("<h2>Pictures</h2>\n");
            foreach (var chart in input.Charts)
            {
                body.Append(chart.ImgTag()).Append('\n');
            }
        }
        WriteFigures(body, entry);
        WriteArtifacts(body, column, entry, input.PageFolder);
        if (timeline is not null)
        {
            WriteTimeline(body, entry, timeline);
        }
        else
        {
            WriteFallback(body, column, entry);
        }
        return Html.Page($"{entry.Id} on {column.Heading}", "../../", body.ToString());
    }

    private static void WriteFacts(StringBuilder body, CaseEntry entry, CaseTimeline? timeline)
    {
        body.Append("<dl class=\"facts\">\n");
        Fact(body, "section", entry.Section);
        Fact(body, "level", RuleBreaks.LevelText(entry.Level));
        Fact(body, "requirement", entry.Requirement);
        Fact(body, "sources", entry.Source);
        if (entry.Description is { } description)
        {
            Fact(body, "traffic", description);
        }
        Fact(body, "timing", string.Create(CultureInfo.InvariantCulture, $"drain interval {entry.IntervalUs:0.###} us, spacing {entry.SpacingUs:0.###} us, {entry.Timing?.ToString().ToLowerInvariant() ?? "unknown"} clock"));
        Fact(body, "frames", $"{entry.SentFrames} sent, {entry.GuestFrames} delivered, {entry.CoalescedFrames} coalesced");
        Fact(body, "duration", SummaryTable.FormatDuration(entry.DurationMs));
        if (entry.TrafficParameters.Count > 0)
        {
            Fact(body, "parameters", string.Join(", ", entry.TrafficParameters.Select(p => $"{p.Key}={p.Value}")));
        }
        if (timeline?.ObservationEndNs is { } end)
        {
            Fact(body, "watched until", Html.Us(end) + " us");
        }
        body.Append("</dl>\n");
    }

    private static void Fact(StringBuilder body, string name, string value) =>
        body.Append("<dt>").Append(Html.Encode(name)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd>\n");

    private static void WriteFindings(StringBuilder body, CaseEntry entry)
    {
        body.Append("<h2>Findings</h2>\n");
        if (entry.Findings.Count == 0)
        {
            body.Append("<p id=\"findings-none\">None: every rule the oracle checks held.</p>\n");
            return;
        }
        var real = entry.Findings.Where(f => f.Excuse is null).ToList();
        var excused = entry.Findings.Where(f => f.Excuse is not null).ToList();
        body.Append("<div id=\"findings\">\n");
        foreach (var group in real.GroupBy(f => f.Rule, StringComparer.Ordinal).OrderBy(g => g.Min(f => f.Severity)))
        {
            WriteGroup(body, group.Key, [.. group], excused: false);
        }
        if (excused.Count > 0)
        {
            body.Append("<h3>Excused by the device's profile</h3>\n");
            foreach (var group in excused.GroupBy(f => f.Rule, StringComparer.Ordinal))
            {
                WriteGroup(body, group.Key, [.. group], excused: true);
            }
        }
        body.Append("</div>\n");
    }

    private static void WriteGroup(StringBuilder body, string rule, IReadOnlyList<FindingEntry> findings, bool excused)
    {
        var descriptor = RuleCatalog.Find(rule);
        var level = RuleBreaks.LevelOf(descriptor, findings.Select(f => f.Severity).ToHashSet());
        body.Append("<section class=\"rule").Append(excused ? " excused" : "").Append("\" id=\"").Append(excused ? "excused-" : "rule-").Append(Html.Encode(rule)).Append("\" data-rule=\"")
            .Append(Html.Encode(rule)).Append("\">\n<h3>").Append(Html.Encode(rule)).Append(" <span class=\"level ").Append(level.ToLowerInvariant()).Append("\">").Append(level).Append("</span>");
        if (descriptor is not null)
        {
            body.Append(" <span class=\"small muted\">section <code>").Append(Html.Encode(descriptor.Section)).Append("</code></span>");
        }
        body.Append("</h3>\n");
        if (descriptor is not null)
        {
            body.Append("<p class=\"muted\">").Append(Html.Encode(descriptor.Text)).Append("</p>\n");
        }
        foreach (var f in findings)
        {
            body.Append("<div class=\"finding\"><span class=\"badge ").Append(SeverityClass(f.Severity)).Append("\">").Append(f.Severity).Append("</span> ")
                .Append(Html.Encode(f.Message)).Append(" <span class=\"small muted\">guest ").Append(FrameLinks(f.Frames, "g")).Append("; sent ")
                .Append(FrameLinks(f.SentFrames, "s")).Append("</span>");
            if (f.Excuse is { } excuse)
            {
                body.Append("<br><span class=\"small\">excuse: ").Append(Html.Encode(excuse)).Append("</span>");
            }
            body.Append("</div>\n");
        }
        body.Append("</section>\n");
    }

    private static string SeverityClass(Severity severity) => severity switch
    {
        Severity.Fail => "o-fail",
        Severity.NonStrict => "o-nonstrict",
        _ => "o-info",
    };

    private static string FrameLinks(IReadOnlyList<int> frames, string prefix) => frames.Count == 0
        ? "-"
        : string.Join(", ", frames.Take(50).Select(i => $"<a href=\"#{prefix}{i}\">{i}</a>")) + (frames.Count > 50 ? $" (+{frames.Count - 50} more)" : "");

    private static void WriteFigures(StringBuilder body, CaseEntry entry)
    {
        body.Append("<h2>Pacing and real time</h2>\n<dl class=\"facts\" id=\"pacing\">\n");
        if (entry.Pacing is { } p)
        {
            Fact(body, "send gaps", $"mean {Html.Us(p.MeanNs)} us, p50 {Html.Us(p.P50Ns)} us, p99 {Html.Us(p.P99Ns)} us, max {Html.Us(p.MaxNs)} us");
            Fact(body, "latest send", $"{Html.Us(p.MaxLatenessNs)} us after its deadline");
        }
        else
        {
            Fact(body, "send gaps", "not recorded (the device never ran)");
        }
        if (entry.RealTime is { } rt)
        {
            Fact(body, "host steal", Html.Us(rt.HostStealNs) + " us (upper bound)");
            Fact(body, "guest frames stamped at source", $"{rt.SourceStampedGuestFrames}, read up to {Html.Us(rt.GuestReadLagMaxNs)} us later");
            Fact(body, "latency tolerance", Html.Us(rt.LatencyToleranceNs) + " us beyond the interval");
        }
        if (entry.Statistics is { } s)
        {
            Fact(body, "NDIS counters", $"CoalescedPkts {s.CoalescedPackets}, CoalescedOctets {s.CoalescedOctets}, CoalesceEvents {s.CoalesceEvents}, Aborts {s.Aborts}");
            var detail = s.Detail.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}").ToList();
            if (detail.Count > 0)
            {
                Fact(body, "device counters", string.Join(" ", detail));
            }
        }
        body.Append("</dl>\n");
    }

    private static void WriteArtifacts(StringBuilder body, RunColumn column, CaseEntry entry, string pageFolder)
    {
        var a = entry.Artifacts;
        var files = new (string Name, string? Relative)[]
        {
            ("sent.pcap", a?.SentPcap), ("guest.pcap", a?.GuestPcap), ("guest.jsonl", a?.GuestJsonl), ("wire.log", a?.WireLog), ("timeline.json", a?.Timeline),
        };
        body.Append("<h2>Files</h2>\n<ul id=\"artifacts\">\n");
        foreach (var (name, relative) in files)
        {
            var path = column.Run.PathOf(relative);
            if (path is null)
            {
                continue;
            }
            body.Append("<li><a href=\"").Append(Html.Link(pageFolder, path)).Append("\">").Append(Html.Encode(name)).Append("</a>")
                .Append(File.Exists(path) ? "" : " <span class=\"muted\">(missing)</span>").Append("</li>\n");
        }
        body.Append("</ul>\n");
    }

    private static void WriteTimeline(StringBuilder body, CaseEntry entry, CaseTimeline t)
    {
        var findingsByGuest = entry.Findings.SelectMany(f => f.Frames.Select(g => (g, f))).ToLookup(x => x.g, x => x.f);
        var findingsBySent = entry.Findings.SelectMany(f => f.SentFrames.Select(s => (s, f))).ToLookup(x => x.s, x => x.f);
        body.Append("<h2>Timeline</h2>\n<h3>Sent</h3>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{t.Sent.Count} frame(s); times in us from the start of the case.</p>\n");
        body.Append("<div class=\"wide\"><table id=\"sent\"><thead><tr><th>#</th><th class=\"num\">deadline</th><th class=\"num\">sent</th><th class=\"num\">late</th><th>label</th><th>flow</th><th class=\"num\">seq</th><th class=\"num\">ack</th><th>flags</th><th class=\"num\">len</th><th>delivered in</th><th>findings</th></tr></thead><tbody>\n");
        foreach (var s in t.Sent.Take(MaxRows))
        {
            var rules = findingsBySent[s.Index].Where(f => f.Severity != Severity.Info).Select(f => f.Rule).Distinct().ToList();
            body.Append("<tr id=\"s").Append(s.Index).Append('"').Append(rules.Count > 0 ? " class=\"bad\"" : "").Append("><td>").Append(s.Index).Append("</td><td class=\"num\">")
                .Append(Html.Us(s.DeadlineNs)).Append("</td><td class=\"num\">").Append(s.SentNs is { } at ? Html.Us(at) : "not sent").Append("</td><td class=\"num\">")
                .Append(s.SentNs is { } sent ? Html.Us(sent - s.DeadlineNs) : "").Append("</td><td>").Append(Html.Encode(s.Label)).Append("</td><td>").Append(Html.Encode(s.Flow))
                .Append("</td><td class=\"num\">").Append(s.Seq?.ToString(CultureInfo.InvariantCulture) ?? "-").Append("</td><td class=\"num\">").Append(s.Ack?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td>").Append(Html.Encode(s.Flags ?? "-")).Append("</td><td class=\"num\">").Append(s.Length?.ToString(CultureInfo.InvariantCulture) ?? "-").Append("</td><td>")
                .Append(s.GuestFrame is { } g ? $"<a href=\"#g{g}\">g{g}</a>" : t.Aligned ? "<strong>not delivered</strong>" : "").Append("</td><td>")
                .Append(Html.Encode(string.Join(", ", rules))).Append("</td></tr>\n");
        }
        body.Append("</tbody></table></div>\n");
        Cut(body, t.Sent.Count);

        body.Append("<h3>Guest</h3>\n");
        body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{t.Guest.Count} frame(s){(t.ObservationEndNs is { } end ? $", watched until {Html.Us(end)} us" : "")}; virtio_net_hdr_v1 as the device wrote it; \"covers\" is the oracle's alignment.</p>\n");
        body.Append("<div class=\"wide\"><table id=\"guest\"><thead><tr><th>#</th><th class=\"num\">time</th><th class=\"num\">bytes</th><th>virtio flags</th><th>gso_type</th><th class=\"num\">gso_size</th><th class=\"num\">RSC segs</th><th class=\"num\">RSC dup ACKs</th><th class=\"num\">hdr_len</th><th class=\"num\">csum_start</th><th class=\"num\">csum_offset</th><th class=\"num\">buffers</th><th>flow</th><th class=\"num\">seq</th><th class=\"num\">ack</th><th>flags</th><th class=\"num\">payload</th><th>covers sent</th><th>expected segs / dup ACKs</th><th>findings</th></tr></thead><tbody>\n");
        foreach (var g in t.Guest.Take(MaxRows))
        {
            var rules = findingsByGuest[g.Index].Where(f => f.Severity != Severity.Info).Select(f => f.Rule).Distinct().ToList();
            var classes = new List<string>();
            if (rules.Count > 0)
            {
                classes.Add("bad");
            }
            if (g.IsCoalesced)
            {
                classes.Add("coalesced");
            }
            body.Append("<tr id=\"g").Append(g.Index).Append('"').Append(classes.Count > 0 ? $" class=\"{string.Join(' ', classes)}\"" : "").Append("><td>").Append(g.Index)
                .Append("</td><td class=\"num\">").Append(Html.Us(g.TimeNs)).Append("</td><td class=\"num\">").Append(g.Length).Append("</td><td>").Append(Html.Encode(g.VirtioFlags))
                .Append("</td><td>").Append(Html.Encode(g.GsoType)).Append("</td><td class=\"num\">").Append(g.GsoSize).Append("</td><td class=\"num\">").Append(g.RscSegments?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td class=\"num\">").Append(g.RscDupAcks?.ToString(CultureInfo.InvariantCulture) ?? "-").Append("</td><td class=\"num\">").Append(g.HdrLen).Append("</td><td class=\"num\">")
                .Append(g.CsumStart).Append("</td><td class=\"num\">").Append(g.CsumOffset).Append("</td><td class=\"num\">").Append(g.NumBuffers).Append("</td><td>").Append(Html.Encode(g.Flow))
                .Append("</td><td class=\"num\">").Append(g.Seq?.ToString(CultureInfo.InvariantCulture) ?? "-").Append("</td><td class=\"num\">").Append(g.Ack?.ToString(CultureInfo.InvariantCulture) ?? "-")
                .Append("</td><td>").Append(Html.Encode(g.Flags ?? "-")).Append("</td><td class=\"num\">").Append(g.PayloadLength?.ToString(CultureInfo.InvariantCulture) ?? "-").Append("</td><td>")
                .Append(g.SentFrames is null ? "" : g.SentFrames.Count == 0 ? "<strong>nothing sent</strong>" : FrameLinks(g.SentFrames, "s")).Append("</td><td>")
                .Append(g.ExpectedSegments is { } es ? $"{es} / {g.ExpectedDupAcks}" : "").Append("</td><td>").Append(Html.Encode(string.Join(", ", rules))).Append("</td></tr>\n");
        }
        body.Append("</tbody></table></div>\n");
        Cut(body, t.Guest.Count);
    }

    private static void Cut(StringBuilder body, int count)
    {
        if (count > MaxRows)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">The first {MaxRows} of {count} rows are shown; the wire log and the pcaps hold them all.</p>\n");
        }
    }

    private static void WriteFallback(StringBuilder body, RunColumn column, CaseEntry entry)
    {
        body.Append("<h2>Timeline</h2>\n<p id=\"no-timeline\" class=\"muted\">No timeline recorded: this run wrote no timeline.json for the case; the guest frames below come from guest.jsonl, the rest from the wire log.</p>\n");
        var jsonl = column.Run.PathOf(entry.Artifacts?.GuestJsonl);
        if (jsonl is not null && File.Exists(jsonl))
        {
            body.Append("<h3>Guest (guest.jsonl)</h3>\n<table id=\"guest\"><thead><tr><th>#</th><th class=\"num\">time</th><th>virtio flags</th><th>gso_type</th><th class=\"num\">gso_size</th><th class=\"num\">RSC segs</th><th class=\"num\">RSC dup ACKs</th><th class=\"num\">bytes</th></tr></thead><tbody>\n");
            int rows = 0;
            foreach (var line in File.ReadLines(jsonl))
            {
                if (string.IsNullOrWhiteSpace(line) || rows++ >= MaxRows)
                {
                    continue;
                }
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    var r = doc.RootElement;
                    body.Append("<tr id=\"g").Append(Value(r, "index")).Append("\"><td>").Append(Value(r, "index")).Append("</td><td class=\"num\">")
                        .Append(r.TryGetProperty("timeNs", out var t) && t.TryGetInt64(out var ns) ? Html.Us(ns) : "").Append("</td><td>").Append(Html.Encode(Value(r, "flags")))
                        .Append("</td><td>").Append(Html.Encode(Value(r, "gsoType"))).Append("</td><td class=\"num\">").Append(Value(r, "gsoSize")).Append("</td><td class=\"num\">")
                        .Append(Value(r, "rscSegments")).Append("</td><td class=\"num\">").Append(Value(r, "rscDupAcks")).Append("</td><td class=\"num\">").Append(Value(r, "length")).Append("</td></tr>\n");
                }
                catch (JsonException)
                {
                    body.Append("<tr><td colspan=\"8\" class=\"muted\">unreadable line</td></tr>\n");
                }
            }
            body.Append("</tbody></table>\n");
            Cut(body, rows);
        }
        var wire = column.Run.PathOf(entry.Artifacts?.WireLog);
        if (wire is not null && File.Exists(wire))
        {
            body.Append("<h3>Wire log</h3>\n<pre id=\"wire-log\">").Append(Html.Encode(File.ReadAllText(wire))).Append("</pre>\n");
        }
    }

    private static string Value(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null => "-",
            _ => v.GetRawText(),
        } : "";
}
